export * from './strongly-connected-components.ts';
