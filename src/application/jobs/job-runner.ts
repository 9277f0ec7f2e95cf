import { DomainError } from '../../domain/errors.ts';
import type { Job } from '../../domain/jobs.ts';
import type { Clock } from '../ports/clock.ts';
import type { JobDelivery, JobVerdict } from '../ports/job-queue.ts';
import type { ClaimOutcome, JobRun, RunEnd } from '../ports/job-repository.ts';
import { Batcher } from '../shared/batcher.ts';
import type { UnitOfWork } from '../ports/unit-of-work.ts';

/** What a job type does. Resolves with the result to keep (the export's CSV) or nothing; throws to fail the attempt. */
export type JobHandler = (job: Job, context: Readonly<{ signal: AbortSignal }>) => Promise<string | void>;

export type JobOutcome = 'succeeded' | 'retried' | 'failed';

export type JobRunnerOptions = {
  uow: UnitOfWork;
  clock: Clock;
  handlers: Readonly<Record<string, JobHandler>>;
  /** How long a run holds its job before another worker may take it over; renewed while it runs. */
  leaseMs?: number;
  /** The backoff between attempts: base * 2^(attempt-1), capped, with jitter (jobBackoffMs). */
  backoff?: Readonly<{ baseMs: number; maxMs: number }>;
  random?: () => number;
  /** Told of each finished attempt, for metrics and logs; `error` is the attempt's own, unfiltered. */
  onOutcome?(job: Job, outcome: JobOutcome, error?: unknown): void;
};

/**
 * A message whose job row is not there is retried for a while, then dropped: its transaction may
 * not have committed yet (the message leaves just before the commit, and a transaction queueing
 * many jobs takes a while), or it rolled back. Soon at first (the commit is usually milliseconds
 * behind), then every 30 s, about 2 minutes in all: longer than any transaction should stay open.
 */
const MISSING_JOB_DELIVERIES = 10;
const missingJobRetryMs = (deliveries: number) => Math.min(30_000, 50 * 4 ** (deliveries - 1));

/**
 * The verdict of a run whose final write found the job no longer its own (its lease ran out and
 * another delivery took the job over). Never 'done': acknowledging would remove the one message the
 * job has, which the run that took over may still need for a retry. The message comes back and the
 * claim sees what the job has become.
 */
const LOOK_AGAIN: JobVerdict = { retryInMs: 1_000 };

async function withRetries<T>(write: () => Promise<T>, delaysMs: readonly number[] = [100, 500, 2_000]): Promise<T> {
  for (const delayMs of delaysMs) {
    try {
      return await write();
    } catch {
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
  return write();
}

/**
 * Exponential backoff with equal jitter: between half and all of base * 2^(attempt-1), capped. The
 * floor keeps retries apart (a poison job is not hammered); the jitter spreads jobs that failed
 * together (a provider outage) so they do not all come back at once.
 */
export function jobBackoffMs(attempt: number, backoff: Readonly<{ baseMs: number; maxMs: number }>, random: () => number = Math.random): number {
  const ceiling = Math.min(backoff.maxMs, backoff.baseMs * 2 ** Math.min(attempt - 1, 30));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * Runs the job behind each delivery, with the job's row as the truth: a delivery only runs a job it
 * can claim (queued and due, or running under a lease that ran out because its worker died), so a
 * duplicate or early delivery does nothing but wait or go away. Each attempt ends in one conditional
 * write: succeeded (with its result), queued again after a backoff, or, after maxAttempts, failed and
 * kept: the dead letters. A run that is killed counts as an attempt, so a job that crashes its worker
 * every time also ends as failed.
 */
export class JobRunner {
  readonly #options: Required<Omit<JobRunnerOptions, 'onOutcome'>> & Pick<JobRunnerOptions, 'onOutcome'>;
  // The deliveries handled together share one claim statement and one finishing statement: one
  // commit per batch rather than two per job (measured by `npm run bench`: about 4x the jobs/s).
  readonly #claims: Batcher<string, Readonly<{ outcome: ClaimOutcome; now: Date }>>;
  readonly #ends: Batcher<RunEnd, boolean>;
  readonly #stopping = new AbortController();

  constructor(options: JobRunnerOptions) {
    this.#options = { leaseMs: 60_000, backoff: { baseMs: 1_000, maxMs: 300_000 }, random: Math.random, ...options };
    const { uow, clock, leaseMs } = this.#options;
    this.#claims = new Batcher(async (ids) => {
      const now = clock.now();
      const outcomes = await uow.read((repos) => repos.jobs.claim(ids, now, new Date(now.getTime() + leaseMs)));
      return outcomes.map((outcome) => ({ outcome, now }));
    });
    // Retried before giving up: a failed write would otherwise send the whole batch (done work
    // included) back to run again; the write is conditional, so repeating it is harmless.
    this.#ends = new Batcher((ends) => withRetries(() => uow.read((repos) => repos.jobs.finish(ends, clock.now()))));
  }

  /**
   * At a shutdown whose grace ran out: aborts the signal of every job still running. A job that
   * stops for it (the export checks between pages) is released: queued again at once, its attempt
   * not counted, its message handed back; one that finishes anyway is recorded as usual.
   */
  abortRunning(): void {
    this.#stopping.abort(new Error('the worker is shutting down'));
  }

  /** For JobQueue.work. Throws only when the database does (the queue then redelivers). */
  handle = async (delivery: JobDelivery): Promise<JobVerdict> => {
    const { outcome, now } = await this.#claims.add(delivery.id);
    if (outcome.claimed) return this.#run(outcome.job);
    const job = outcome.job;
    if (!job) return delivery.deliveries >= MISSING_JOB_DELIVERIES ? 'done' : { retryInMs: missingJobRetryMs(delivery.deliveries) };
    if (job.status === 'succeeded' || job.status === 'failed') return 'done';
    if (job.status === 'queued') return { retryInMs: Math.max(1, job.availableAt.getTime() - now.getTime()) };
    // Running: under a live lease (another delivery of it is being handled), or out of attempts
    // after its last run died with its worker.
    if (job.leaseUntil && job.leaseUntil > now) return { retryInMs: job.leaseUntil.getTime() - now.getTime() + 1 };
    const error = job.error ? `${job.error}; then the worker stopped during the last attempt` : 'the worker stopped during the last attempt';
    if (!(await this.#ends.add({ run: { id: job.id, attempt: job.attempts }, status: 'failed', error }))) return LOOK_AGAIN;
    this.#options.onOutcome?.(job, 'failed', new Error(error));
    return 'done';
  };

  async #run(job: Job): Promise<JobVerdict> {
    const run: JobRun = { id: job.id, attempt: job.attempts };
    const handler = this.#options.handlers[job.type];
    const lease = this.#keepLease(run);
    const signal = this.#runSignal(lease.lost);
    let result: string | void;
    try {
      if (!handler) throw new Error(`no handler for job type ${job.type}`);
      result = await handler(job, { signal: signal.signal });
    } catch (error) {
      lease.stop();
      signal.dispose();
      // Released only when it stopped for the shutdown; any other failure counts as usual.
      if (this.#stoppedFor(error)) return (await this.#ends.add({ run, status: 'released' })) ? { retryInMs: 0 } : LOOK_AGAIN;
      return this.#failed(job, run, error);
    }
    lease.stop();
    signal.dispose();
    if (!(await this.#ends.add({ run, status: 'succeeded', result: result ?? null }))) return LOOK_AGAIN;
    this.#options.onOutcome?.(job, 'succeeded');
    return 'done';
  }

  async #failed(job: Job, run: JobRun, error: unknown): Promise<JobVerdict> {
    const { clock, backoff, random } = this.#options;
    const reason = publicReason(error);
    if (run.attempt >= job.maxAttempts) {
      if (!(await this.#ends.add({ run, status: 'failed', error: reason }))) return LOOK_AGAIN;
      this.#options.onOutcome?.(job, 'failed', error);
      return 'done';
    }
    const delayMs = jobBackoffMs(run.attempt, backoff, random);
    const availableAt = new Date(clock.now().getTime() + delayMs);
    if (!(await this.#ends.add({ run, status: 'queued', availableAt, error: reason }))) return LOOK_AGAIN;
    this.#options.onOutcome?.(job, 'retried', error);
    return { retryInMs: delayMs };
  }

  /**
   * One run's signal: aborted when its lease is lost or the runner stops. A controller of its own
   * with listeners removed at the end, rather than AbortSignal.any, whose combined signals pile up
   * on a long-lived source in Node (nodejs/node#64476) once anything listens to them.
   */
  #runSignal(leaseLost: AbortSignal): { signal: AbortSignal; dispose(): void } {
    const controller = new AbortController();
    const stopping = this.#stopping.signal;
    const onStop = () => controller.abort(stopping.reason);
    const onLost = () => controller.abort(leaseLost.reason);
    if (stopping.aborted) onStop();
    stopping.addEventListener('abort', onStop, { once: true });
    leaseLost.addEventListener('abort', onLost, { once: true });
    return {
      signal: controller.signal,
      dispose: () => {
        stopping.removeEventListener('abort', onStop);
        leaseLost.removeEventListener('abort', onLost);
      },
    };
  }

  #stoppedFor(error: unknown): boolean {
    const stopping = this.#stopping.signal;
    return stopping.aborted && (error === stopping.reason || (error instanceof Error && error.name === 'AbortError'));
  }

  /** Renews the lease at a third of its length; `lost` aborts when a renewal finds the job taken over. */
  #keepLease(run: JobRun): { lost: AbortSignal; stop(): void } {
    const { uow, clock, leaseMs } = this.#options;
    const lost = new AbortController();
    const timer = setInterval(() => {
      const leaseUntil = new Date(clock.now().getTime() + leaseMs);
      uow.read((repos) => repos.jobs.extendLease(run, leaseUntil)).then(
        (held) => held || lost.abort(new Error('the job was taken over by another worker')),
        () => undefined, // a database blip: the next renewal tries again
      );
    }, Math.max(10, Math.floor(leaseMs / 3)));
    return { lost: lost.signal, stop: () => clearInterval(timer) };
  }
}

/**
 * What the job's owner may read (GET /api/jobs/:id shows it): a typed error's message, written for
 * clients; anything else (a driver's or a provider's text) only as the contract's generic message.
 * The full error goes to onOutcome, that is to the log, with the job id.
 */
function publicReason(error: unknown): string {
  return error instanceof DomainError ? error.message.slice(0, 500) : 'An unexpected error occurred';
}
