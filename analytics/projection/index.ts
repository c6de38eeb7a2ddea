export * from './build-csr.ts';
export * from './projection-input.ts';
export * from './relation-codes.ts';
export * from './to-graphology.ts';
export * from './validate-projection-input.ts';
