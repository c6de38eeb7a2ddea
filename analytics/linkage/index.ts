export * from './k-hop-neighbourhood.ts';
export * from './relation-strength.ts';
export * from './strongest-paths.ts';
