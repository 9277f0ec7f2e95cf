import type { z } from 'zod';
import type { Job } from '../../../domain/jobs.ts';
import type { jobResource } from './job-schemas.ts';

export type JobJson = z.output<typeof jobResource>;

/**
 * A job as its owner sees it. Fields are picked one by one: `data` (the filters, or a user id),
 * `ownerId` and the lease are the runner's business, and a field added to Job must not leak by default.
 */
export function presentJob(job: Job): JobJson {
  return {
    id: job.id,
    type: job.type,
    status: job.status,
    attempts: job.attempts,
    maxAttempts: job.maxAttempts,
    createdAt: job.createdAt.toISOString(),
    updatedAt: job.updatedAt.toISOString(),
    ...(job.error === null ? {} : { error: job.error }),
  };
}
