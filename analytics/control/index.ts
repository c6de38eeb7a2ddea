export * from './actual-controller.ts';
export * from './beneficial-owners.ts';
export * from './evidence.ts';
