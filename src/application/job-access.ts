import { JobNotFoundError, type Job } from '../domain/jobs.ts';
import type { Actor } from './actor.ts';

/** A job is its owner's and the admins' (API.md); for anyone else it does not exist (404, not 403). */
export function visibleJob(job: Job | null, actor: Actor): Job {
  if (!job || (actor.role !== 'admin' && (job.ownerId === null || job.ownerId !== actor.userId))) throw new JobNotFoundError();
  return job;
}
