/**
 * `npm run worker`: a process that only runs jobs, to scale them out beside the service (which runs
 * JOB_CONCURRENCY workers of its own, 0 to leave jobs to these). It needs NATS_URL and DATABASE_URL:
 * the in-process queue and the embedded database live inside one service process. SIGTERM drains:
 * the jobs in hand finish and are acknowledged; those received but not started go back to the
 * queue at once; exit 0.
 */
import { ConfigError } from './config.ts';
import { configOrExit } from './node-config.ts';
import { createLogger } from './adapters/logging/logger.ts';
import { eventTransport } from './adapters/events/event-transport.ts';
import { mailerFrom, passwordResetMailSettings } from './composition/mail.ts';
import { openDatabase } from './adapters/persistence/mikro-orm/orm.ts';
import { MikroOrmUnitOfWork } from './adapters/persistence/mikro-orm/mikro-orm-unit-of-work.ts';
import { SystemClock } from './adapters/system/system-clock.ts';
import { jobHandlers, startJobWorkers } from './composition/jobs.ts';
import { defaultRetention } from './application/jobs/handlers/cleanup.ts';

// Both shared with the service: the in-process queue and the embedded database belong to one process.
const config = configOrExit((parsed) => {
  if (!parsed.NATS_URL) throw new ConfigError('Invalid configuration: NATS_URL is required by `npm run worker` (without it, jobs run inside the service)');
  if (!parsed.DATABASE_URL) throw new ConfigError('Invalid configuration: DATABASE_URL is required by `npm run worker` (the embedded database belongs to the service process)');
});
// Synchronous: the log mailer's lines are the record of what a worker did, and a worker killed with
// SIGKILL must not take lines with it whose jobs are recorded as done. Its log is small; the
// service's request logs stay asynchronous.
const logger = createLogger(config.LOG_LEVEL, { sync: true });
const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
await database.migrate();
const uow = new MikroOrmUnitOfWork(database.orm);
const clock = new SystemClock();
const mail = mailerFrom(config, logger);
const transport = eventTransport(config.NATS_URL, logger, undefined, { ackWaitMs: config.JOB_LEASE_SECONDS * 1000 });
const workers = await startJobWorkers({
  transport,
  uow,
  clock,
  logger,
  handlers: jobHandlers({
    uow,
    mailer: mail.mailer,
    clock,
    retention: defaultRetention(config.JWT_ACCESS_TTL),
    queue: transport.jobQueue,
    passwordReset: passwordResetMailSettings(config),
  }),
  concurrency: Math.max(1, config.JOB_CONCURRENCY),
  leaseMs: config.JOB_LEASE_SECONDS * 1000,
});
logger.info({ concurrency: Math.max(1, config.JOB_CONCURRENCY) }, 'worker started');

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'worker stopping: finishing the jobs in hand');
  transport.stopConnecting();
  workers.abortAfter(config.SHUTDOWN_TIMEOUT_MS);
  await workers.stop();
  mail.close();
  await transport.close();
  await database.close();
  logger.info('worker stopped');
  process.exit(0);
}

process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
