/** Joint reward and punishment, pure (domain.md §6–8): role resolution, 应查必查 answers, objection, repair, expiry. */
export * from './check.ts';
export * from './expiry.ts';
export * from './objection.ts';
export * from './repair.ts';
export * from './reward-eligibility.ts';
export * from './role-resolution.ts';
export * from './types.ts';
