/** Expiry of records and inclusions, and the maintenance queue's processor. */
export * from './expire.ts';
export * from './processor.ts';
