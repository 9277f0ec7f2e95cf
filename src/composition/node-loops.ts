import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { JobOutcome } from '../application/jobs/job-runner.ts';
import type { Clock } from '../application/ports/clock.ts';
import type { EventPipeline } from './event-pipeline.ts';
import { startPeriodicJobs } from './jobs.ts';
import { runJobs } from './run-jobs.ts';
import { withConsumerSpans } from './tracing.ts';
import type { UseCases } from './use-cases.ts';

export type NodeLoopDependencies = Readonly<{
  clock: Clock;
  events: EventPipeline;
  useCases: UseCases;
  onJobOutcome?(type: string, outcome: JobOutcome): void;
}>;

export type NodeLoops = {
  /** Starts the jobs' shutdown grace; call it when the shutdown begins. */
  abortJobsAfter(graceMs: number): void;
  close(): Promise<void>;
};

/**
 * What a long-lived Node process runs beside its HTTP server: the job workers, the outbox relay,
 * the event consumers and the periodic jobs. A runtime that only answers requests skips this step.
 */
export async function startNodeLoops(config: Config, logger: Logger, deps: NodeLoopDependencies): Promise<NodeLoops> {
  const { clock, useCases } = deps;
  const { transport, relay, uow } = deps.events;
  // First the only part that can fail: nothing else is running yet if it does.
  const jobs = await runJobs(config, { transport, uow, clock, logger, concurrency: config.JOB_CONCURRENCY, onOutcome: deps.onJobOutcome });
  relay.start();
  const subscriptions = useCases.consumers.map((consumer) => transport.subscribe(withConsumerSpans(consumer, transport.jobsInProcess)));
  // Nothing could run them with the in-process queue and no workers here: then none are scheduled.
  const periodicRunnable = !transport.jobsInProcess || config.JOB_CONCURRENCY > 0;
  const periodic = periodicRunnable ? startPeriodicJobs({ uow, scheduler: useCases.scheduler, clock, logger }) : { stop: () => undefined };
  return {
    abortJobsAfter: (graceMs) => jobs.abortAfter(graceMs),
    close: async () => {
      // No more connecting to NATS (a subscription still waiting for it stops at once); then the
      // relay (its batch in flight is published and removed, or kept for later); then the consumers
      // (the event in hand finishes, or goes back for redelivery; in process, what is queued is handled)
      // and the job workers (jobs in hand finish; those received but not started go back at once).
      transport.stopConnecting();
      periodic.stop();
      await relay.stop();
      await Promise.all([...subscriptions.map((subscription) => subscription.stop()), jobs.close()]);
    },
  };
}
