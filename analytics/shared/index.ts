export * from './binary-heap.ts';
export * from './dates.ts';
export * from './rng.ts';
