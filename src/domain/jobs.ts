import { JobNotFoundError } from './errors.ts';
import { requireId, type Id } from './ids.ts';

/**
 * Background jobs (API.md, "Background jobs"). A job is stored with its state, so that a client can
 * follow it and an operator can inspect the failed ones (the dead letters); the queue only carries
 * its id. `attempts` counts the runs started, a run cut short by a crash included.
 */
export const JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** Lower-case words joined by dots (`users.export`): it is also part of a NATS subject. */
export function isJobType(value: string): boolean {
  return /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)*$/.test(value) && value.length <= 100;
}

export type Job = Readonly<{
  id: string;
  type: string;
  data: Readonly<Record<string, unknown>>;
  status: JobStatus;
  attempts: number;
  maxAttempts: number;
  /** Who started it (may read it and its result), or null for the service's own jobs. */
  ownerId: string | null;
  createdAt: Date;
  updatedAt: Date;
  /** When a queued job may run (a retry waits for its backoff). */
  availableAt: Date;
  /** While running: until when the run holds it; after that another worker may take it over. */
  leaseUntil: Date | null;
  /** The last failure, for the client and the operator; null when none. */
  error: string | null;
}>;

export type NewJob = Readonly<{ id: string; type: string; data: Readonly<Record<string, unknown>>; maxAttempts: number; ownerId: string | null; now: Date }>;

export function queuedJob(input: NewJob): Job {
  if (!isJobType(input.type)) throw new RangeError(`not a job type: ${JSON.stringify(input.type)}`);
  if (!Number.isInteger(input.maxAttempts) || input.maxAttempts < 1) throw new RangeError('maxAttempts must be a whole number >= 1');
  return {
    id: input.id,
    type: input.type,
    data: input.data,
    status: 'queued',
    attempts: 0,
    maxAttempts: input.maxAttempts,
    ownerId: input.ownerId,
    createdAt: input.now,
    updatedAt: input.now,
    availableAt: input.now,
    leaseUntil: null,
    error: null,
  };
}

/** A job id from a client; the jobs the service makes carry plain strings (the queue's ids). */
export type JobId = Id<'JobId'>;

/** A job id from outside, or 404 `Job not found` (also for a malformed one). */
export function requireJobId(raw: string): JobId {
  return requireId<'JobId'>(raw, () => new JobNotFoundError());
}

/** Finished for good: it will not run again. */
export function isFinished(job: Job): boolean {
  return job.status === 'succeeded' || job.status === 'failed';
}

