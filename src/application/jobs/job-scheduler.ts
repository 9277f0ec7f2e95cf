import { queuedJob, type Job } from '../../domain/jobs.ts';
import type { Clock } from '../ports/clock.ts';
import type { IdGenerator } from '../ports/id-generator.ts';
import type { Repositories } from '../ports/unit-of-work.ts';

export type JobRequest = Readonly<{ type: string; data: Readonly<Record<string, unknown>>; ownerId: string | null; maxAttempts: number }>;

/**
 * Starts jobs inside the caller's transaction: the job's row and its queue message, both rows of
 * that transaction (the message in the outbox, which the relay hands to the job queue after the
 * commit). So a job is queued if and only if its change commits, and no broker round trip sits
 * inside the transaction: a broker outage delays jobs instead of failing the requests that start them.
 */
export class JobScheduler {
  readonly #ids: IdGenerator;
  readonly #clock: Clock;

  constructor(deps: { ids: IdGenerator; clock: Clock }) {
    this.#ids = deps.ids;
    this.#clock = deps.clock;
  }

  /** Inside `repos`' transaction (see above). */
  async schedule(repos: Repositories, request: JobRequest): Promise<Job> {
    const job = await this.scheduleOnce(repos, request, this.#ids.next());
    if (!job) throw new Error('a new job id is taken');
    return job;
  }

  /** With an id of the caller's: null, and nothing queued, when a job with that id exists already. */
  async scheduleOnce(repos: Repositories, request: JobRequest, id: string): Promise<Job | null> {
    const job = queuedJob({ ...request, id, now: this.#clock.now() });
    if (!(await repos.jobs.add(job))) return null;
    await repos.outbox.addJob({ id: job.id, type: job.type }, job.createdAt);
    return job;
  }
}
