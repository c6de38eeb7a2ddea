export * from './processor.ts';
export * from './store.ts';
