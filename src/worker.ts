/**
 * `npm run worker`: a process that only runs jobs, to scale them out beside the service (which runs
 * JOB_CONCURRENCY workers of its own, 0 to leave jobs to these). It needs NATS_URL and DATABASE_URL:
 * the in-process queue and the embedded database live inside one service process. SIGTERM drains:
 * the jobs in hand finish and are acknowledged; those received but not started go back to the
 * queue at once; exit 0.
 */
import { ConfigError } from './config.ts';
import { configOrExit, exitOnConfigError } from './node-config.ts';
import { createLogger } from './adapters/logging/logger.ts';
import { prettyLogs } from './log-format.ts';
import { eventTransport } from './adapters/events/event-transport.ts';
import { MikroOrmUnitOfWork } from './adapters/persistence/mikro-orm/mikro-orm-unit-of-work.ts';
import { SystemClock } from './adapters/system/system-clock.ts';
import { Closers } from './composition/closers.ts';
import { openMigratedDatabase } from './composition/database.ts';
import { runJobs } from './composition/run-jobs.ts';
import { startTracing, tracedUnitOfWork, tracingRequested } from './composition/tracing.ts';

// Both shared with the service: the in-process queue and the embedded database belong to one process.
const config = configOrExit((parsed) => {
  if (!parsed.NATS_URL) throw new ConfigError('Invalid configuration: NATS_URL is required by `npm run worker` (without it, jobs run inside the service)');
  if (!parsed.DATABASE_URL) throw new ConfigError('Invalid configuration: DATABASE_URL is required by `npm run worker` (the embedded database belongs to the service process)');
});
// Synchronous: the log mailer's lines are the record of what a worker did, and a worker killed with
// SIGKILL must not take lines with it whose jobs are recorded as done. Its log is small; the
// service's request logs stay asynchronous.
const logger = createLogger(config.LOG_LEVEL, { sync: true, traceIds: tracingRequested(config), pretty: prettyLogs(config) });
const closers = new Closers();
closers.add(await startTracing(config, logger)); // closed last: the jobs' spans are flushed
const database = await openMigratedDatabase(config).catch(exitOnConfigError);
closers.add(() => database.close());
const transport = await eventTransport(config.NATS_URL, logger, { ackWaitMs: config.JOB_LEASE_SECONDS * 1000 });
closers.add(() => transport.close());
const concurrency = Math.max(1, config.JOB_CONCURRENCY);
const jobs = await runJobs(config, { transport, uow: tracedUnitOfWork(new MikroOrmUnitOfWork(database.orm)), clock: new SystemClock(), logger, concurrency });
closers.add(jobs.close);

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'worker stopping: finishing the jobs in hand');
  transport.stopConnecting();
  jobs.abortAfter(config.SHUTDOWN_TIMEOUT_MS);
  await closers.closeAll(); // the workers, then NATS, then the database
  logger.info('worker stopped');
  process.exit(0);
}

process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
// Only now: whoever waits for this line may signal at once, and must find the handlers in place.
logger.info({ concurrency }, 'worker started');
