export * from './integrated-ownership.ts';
export * from './ownership-chains.ts';
export * from './ownership-subgraph.ts';
