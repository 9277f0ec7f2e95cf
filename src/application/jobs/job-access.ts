import { parseJobId, type Job } from '../../domain/jobs.ts';
import { JobNotFoundError } from '../../domain/errors.ts';
import type { Actor } from '../shared/actor.ts';
import type { JobRepository } from '../ports/job-repository.ts';

/** A job is its owner's and the admins' (API.md); for anyone else it does not exist (404, not 403). */
export function visibleJob(job: Job | null, actor: Actor): Job {
  if (!job || (actor.role !== 'admin' && (job.ownerId === null || job.ownerId !== actor.userId))) throw new JobNotFoundError();
  return job;
}

/** The job named by a client's id (a malformed one names none), as `actor` may see it, or JobNotFoundError. */
export async function findVisibleJob(jobs: JobRepository, rawId: string, actor: Actor): Promise<Job> {
  const id = parseJobId(rawId);
  return visibleJob(id ? await jobs.findById(id) : null, actor);
}
