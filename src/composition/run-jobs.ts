import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { EventTransport } from '../adapters/events/event-transport.ts';
import { defaultRetention } from '../application/jobs/handlers/cleanup.ts';
import type { JobOutcome } from '../application/jobs/job-runner.ts';
import type { Clock } from '../application/ports/clock.ts';
import type { UnitOfWork } from '../application/ports/unit-of-work.ts';
import { jobHandlers, startJobWorkers } from './jobs.ts';
import { mailerFrom, passwordResetMailSettings } from './mail.ts';

export type JobWorkersDependencies = Readonly<{
  transport: EventTransport;
  uow: UnitOfWork;
  clock: Clock;
  logger: Logger;
  /** Workers to run; none with 0. */
  concurrency: number;
  onOutcome?(type: string, outcome: JobOutcome): void;
}>;

export type RunningJobs = {
  /** The shutdown grace for the jobs in hand (see JobWorkers.abortAfter). */
  abortAfter(graceMs: number): void;
  /** Takes no more jobs, waits for those running, then releases the mailer. */
  close(): Promise<void>;
};

/** The job workers with every handler and the mailer: the step the service and `npm run worker` share. */
export async function runJobs(config: Config, deps: JobWorkersDependencies): Promise<RunningJobs> {
  const { transport, uow, clock, logger } = deps;
  const mail = await mailerFrom(config, logger);
  const handlers = jobHandlers({
    uow,
    mailer: mail.mailer,
    clock,
    retention: defaultRetention(config.JWT_ACCESS_TTL),
    queue: transport.jobQueue,
    passwordReset: passwordResetMailSettings(config),
  });
  const leaseMs = config.JOB_LEASE_SECONDS * 1000;
  const workers = await startJobWorkers({ transport, uow, clock, logger, handlers, concurrency: deps.concurrency, leaseMs, onOutcome: deps.onOutcome }).catch((error: unknown) => {
    mail.close();
    throw error;
  });
  return {
    abortAfter: (graceMs) => workers.abortAfter(graceMs),
    close: async () => {
      await workers.stop();
      mail.close(); // no job sends any more
    },
  };
}
