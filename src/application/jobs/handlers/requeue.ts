import type { JobHandler } from '../job-runner.ts';
import type { Clock } from '../../ports/clock.ts';
import { DUPLICATE_WINDOW_MS, type JobQueue } from '../../ports/job-queue.ts';
import type { UnitOfWork } from '../../ports/unit-of-work.ts';

export const REQUEUE = 'maintenance.requeue';

/**
 * A job due this long without being taken is queued again: longer than the longest retry wait
 * (5 min), and at least the duplicate window, or the queue would drop the message as a duplicate.
 */
export const OVERDUE_MS = Math.max(10 * 60 * 1000, DUPLICATE_WINDOW_MS);

const BATCH = 1_000;

/**
 * Queues again the jobs nobody has taken for OVERDUE_MS: their message may be gone (a broker that
 * lost its store, a message dropped as a duplicate at the wrong moment). If it was not, the job gets
 * one delivery more, which its claim turns away. In a backlog of more than OVERDUE_MS this adds one
 * message per overdue job per run (every 10 minutes), no more.
 */
export function requeueOverdue(deps: { uow: UnitOfWork; clock: Clock; queue: JobQueue }): JobHandler {
  return async (_job, { signal }) => {
    const before = new Date(deps.clock.now().getTime() - OVERDUE_MS);
    const overdue = await deps.uow.read((repos) => repos.jobs.overdue(before, BATCH));
    for (const message of overdue) {
      signal.throwIfAborted();
      await deps.queue.enqueue(message);
    }
  };
}
