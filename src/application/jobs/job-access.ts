import type { Job, JobId } from '../../domain/jobs.ts';
import { JobNotFoundError } from '../../domain/errors.ts';
import type { Actor } from '../shared/actor.ts';
import type { JobRepository } from '../ports/job-repository.ts';

/** A job is its owner's and the admins' (API.md); for anyone else it does not exist (404, not 403). */
export function visibleJob(job: Job | null, actor: Actor): Job {
  if (!job || (actor.role !== 'admin' && (job.ownerId === null || job.ownerId !== actor.userId))) throw new JobNotFoundError();
  return job;
}

/** The job named by a client's id, as `actor` may see it, or JobNotFoundError. */
export async function findVisibleJob(jobs: JobRepository, id: JobId, actor: Actor): Promise<Job> {
  return visibleJob(await jobs.findById(id), actor);
}
