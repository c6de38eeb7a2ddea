/** Joint reward and punishment on the graph: propagation, check-before-handling, objection, repair, statistics. */
export * from './check.ts';
export * from './propagate.ts';
export * from './rights.ts';
export * from './stats.ts';
export * from './store.ts';
