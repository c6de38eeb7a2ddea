export * from './explain-subject.ts';
export * from './exposure-weights.ts';
export * from './propagate-exposure.ts';
export * from './record-assessment.ts';
export * from './risk-model-config.ts';
export * from './score-all.ts';
export * from './structural-signals.ts';
