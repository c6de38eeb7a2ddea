/**
 * Recurring work, as BullMQ Job Schedulers (not the legacy repeatable jobs): upserted at every start, so
 * changing a setting and restarting replaces the schedule, and running several workers never doubles it.
 * Cron times are China Standard Time.
 */
import type { QueueSet } from './queues.ts';
import { RESCORE_ALL_JOB } from './score/score-processor.ts';

export interface ScheduleSettings {
  /** How often pending outbox markers are handed (back) to propagation. */
  reconcileEveryMs: number;
  /** When the whole graph is rescored. */
  rescoreCron: string;
  /** When records and inclusions whose window has passed are ended. */
  expiryCron: string;
}

export const SCHEDULE_TIMEZONE = 'Asia/Shanghai';

export const SCHEDULER_IDS = ['outbox-reconciler', 'nightly-rescore', 'daily-expiry'] as const;

export async function installSchedules(queues: QueueSet, s: ScheduleSettings): Promise<void> {
  await queues
    .get('maintenance')
    .upsertJobScheduler(
      'outbox-reconciler',
      { every: s.reconcileEveryMs },
      { name: 'reconcile-outbox', data: {} },
    );
  await queues
    .get('score')
    .upsertJobScheduler(
      'nightly-rescore',
      { pattern: s.rescoreCron, tz: SCHEDULE_TIMEZONE },
      { name: RESCORE_ALL_JOB, data: {} },
    );
  await queues
    .get('maintenance')
    .upsertJobScheduler(
      'daily-expiry',
      { pattern: s.expiryCron, tz: SCHEDULE_TIMEZONE },
      { name: 'expiry', data: {} },
    );
}
