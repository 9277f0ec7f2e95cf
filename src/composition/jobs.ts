/**
 * The job workers' wiring, shared by the service (bootstrap.ts) and the worker process (worker.ts):
 * the handlers of every job type, the runner over the jobs table, and the queue's workers.
 */
import type { Logger } from 'pino';
import type { EventTransport } from '../adapters/events/event-transport.ts';
import { JobRunner, type JobHandler, type JobOutcome } from '../application/jobs/job-runner.ts';
import { usersExport, USERS_EXPORT } from '../application/jobs/handlers/users-export.ts';
import { cleanup, CLEANUP, type Retention } from '../application/jobs/handlers/cleanup.ts';
import { REQUEUE, requeueOverdue } from '../application/jobs/handlers/requeue.ts';
import type { JobQueue } from '../application/ports/job-queue.ts';
import { PeriodicJobs } from '../application/jobs/periodic-jobs.ts';
import type { JobScheduler } from '../application/jobs/job-scheduler.ts';
import { welcomeEmail, WELCOME_EMAIL } from '../application/jobs/handlers/welcome-email.ts';
import { passwordResetEmail, PASSWORD_RESET_EMAIL, type PasswordResetMailSettings } from '../application/jobs/handlers/password-reset-email.ts';
import type { Clock } from '../application/ports/clock.ts';
import type { Mailer } from '../application/ports/mailer.ts';
import type { UnitOfWork } from '../application/ports/unit-of-work.ts';
import type { Job } from '../domain/jobs.ts';
import { withJobSpans } from './tracing.ts';

export type JobHandlerDependencies = { uow: UnitOfWork; mailer: Mailer; clock: Clock; retention: Retention; queue: JobQueue; passwordReset: PasswordResetMailSettings };

export function jobHandlers(deps: JobHandlerDependencies): Record<string, JobHandler> {
  return {
    [WELCOME_EMAIL]: welcomeEmail(deps),
    [PASSWORD_RESET_EMAIL]: passwordResetEmail(deps),
    [USERS_EXPORT]: usersExport(deps),
    [CLEANUP]: cleanup(deps),
    [REQUEUE]: requeueOverdue(deps),
  };
}

/**
 * The jobs the service schedules itself: the hourly cleanup (retention of finished jobs, event ids,
 * expired tokens) and, every 10 minutes, queueing again the jobs nobody has taken (lost messages).
 */
const PERIODIC = [
  { type: CLEANUP, everyMs: 60 * 60 * 1000, maxAttempts: 3 },
  { type: REQUEUE, everyMs: 10 * 60 * 1000, maxAttempts: 3 },
];

/**
 * Asks at start and then every minute for the current window's periodic jobs: every instance asks,
 * one schedules (see PeriodicJobs). A failure (the database away) is logged and tried next minute.
 */
export function startPeriodicJobs(deps: { uow: UnitOfWork; scheduler: JobScheduler; clock: Clock; logger: Logger }): { stop(): void } {
  const periodic = new PeriodicJobs({ ...deps, jobs: PERIODIC });
  const tick = () => void periodic.tick().catch((error: unknown) => deps.logger.warn({ err: error }, 'could not schedule the periodic jobs; trying again in a minute'));
  tick();
  const timer = setInterval(tick, 60_000);
  timer.unref?.();
  return { stop: () => clearInterval(timer) };
}

export type JobWorkerSettings = {
  transport: EventTransport;
  uow: UnitOfWork;
  clock: Clock;
  logger: Logger;
  handlers: Record<string, JobHandler>;
  concurrency: number;
  leaseMs: number;
  onOutcome?(type: string, outcome: JobOutcome): void;
};

/** Unfinished jobs re-enqueued at a start, at most: the in-process queue lost its messages with the process. */
const RECOVERED_AT_START = 100_000;

export type JobWorkers = {
  /**
   * Starts the shutdown grace: jobs still running `graceMs` from now have their signal aborted
   * (those that stop are released: queued again, their attempt not counted). Call it when the
   * shutdown begins, so the HTTP drain and the jobs share one grace period.
   */
  abortAfter(graceMs: number): void;
  /** Takes no more jobs and waits for those running to end. */
  stop(): Promise<void>;
};

/**
 * Starts `concurrency` workers on the transport's queue (none when 0). With the in-process queue,
 * first re-enqueues what the jobs table says is unfinished: the queue died with the last process,
 * the rows did not. (On JetStream the stream kept them.)
 */
export async function startJobWorkers(settings: JobWorkerSettings): Promise<JobWorkers> {
  const { transport, uow, clock, logger, concurrency } = settings;
  if (concurrency === 0) return { abortAfter: () => undefined, stop: async () => undefined };
  const runner = new JobRunner({ uow, clock, handlers: settings.handlers, leaseMs: settings.leaseMs, onOutcome: outcomeLogger(logger, settings.onOutcome) });
  if (transport.jobsInProcess) {
    const unfinished = await uow.read((repos) => repos.jobs.unfinished(RECOVERED_AT_START));
    for (const message of unfinished) await transport.jobQueue.enqueue(message);
    if (unfinished.length > 0) logger.info({ jobs: unfinished.length }, 'unfinished jobs queued again');
  }
  const worker = await transport.jobQueue.work(withJobSpans(runner.handle, transport.jobsInProcess), { concurrency });
  let deadline: ReturnType<typeof setTimeout> | undefined;
  return {
    abortAfter: (graceMs) => {
      deadline ??= setTimeout(() => {
        logger.warn({ graceMs }, 'jobs still running at the end of the shutdown grace: aborting them (they are queued again)');
        runner.abortRunning();
      }, graceMs);
    },
    stop: async () => {
      try {
        await worker.stop();
      } finally {
        clearTimeout(deadline);
      }
    },
  };
}

function outcomeLogger(logger: Logger, count?: (type: string, outcome: JobOutcome) => void) {
  return (job: Job, outcome: JobOutcome, error?: unknown) => {
    count?.(job.type, outcome);
    const fields = { jobId: job.id, type: job.type, attempt: job.attempts, maxAttempts: job.maxAttempts };
    if (outcome === 'failed') logger.error({ ...fields, err: error }, 'job failed for good (kept as a dead letter)');
    else if (outcome === 'retried') logger.warn({ ...fields, err: error }, 'job attempt failed; it will run again');
  };
}
