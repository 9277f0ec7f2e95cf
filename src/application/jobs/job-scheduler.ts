import { queuedJob, type Job } from '../../domain/jobs.ts';
import type { Clock } from '../ports/clock.ts';
import type { IdGenerator } from '../ports/id-generator.ts';
import type { JobQueue } from '../ports/job-queue.ts';
import type { Repositories } from '../ports/unit-of-work.ts';

export type JobRequest = Readonly<{ type: string; data: Readonly<Record<string, unknown>>; ownerId: string | null; maxAttempts: number }>;

/**
 * Starts jobs inside the caller's transaction: the row first, then the queue's message, as the last
 * thing before the commit. So a job is never queued without its row being written with it: a commit
 * that fails after the message left makes an orphan that the runner drops (it finds no row), and a
 * message that cannot be queued rolls the whole change back. No second outbox is needed, at the
 * price of one broker round trip inside the transaction.
 */
export class JobScheduler {
  readonly #queue: JobQueue;
  readonly #ids: IdGenerator;
  readonly #clock: Clock;

  constructor(deps: { queue: JobQueue; ids: IdGenerator; clock: Clock }) {
    this.#queue = deps.queue;
    this.#ids = deps.ids;
    this.#clock = deps.clock;
  }

  /** Call last in `repos`' transaction (see above). */
  async schedule(repos: Repositories, request: JobRequest): Promise<Job> {
    const job = await this.scheduleOnce(repos, request, this.#ids.next());
    if (!job) throw new Error('a new job id is taken');
    return job;
  }

  /** With an id of the caller's: null, and nothing queued, when a job with that id exists already. */
  async scheduleOnce(repos: Repositories, request: JobRequest, id: string): Promise<Job | null> {
    const job = queuedJob({ ...request, id, now: this.#clock.now() });
    if (!(await repos.jobs.add(job))) return null;
    await this.#queue.enqueue({ id: job.id, type: job.type });
    return job;
  }
}
