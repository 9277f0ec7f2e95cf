/**
 * `npm run start:internal`: the background half of a deploy whose API answers elsewhere (the edge
 * entry, src/edge.ts): migrations, the outbox relay (events to EVENTS, job messages to JOBS), the
 * event consumers, the job workers and the periodic jobs, and no public API. With METRICS_PORT it
 * serves /metrics, /livez and /readyz there (for probes and the scraper); PORT is not listened on.
 * SIGTERM: /readyz turns 503, the loops stop (jobs in hand finish within SHUTDOWN_TIMEOUT_MS), exit 0.
 */
import { configOrExit } from './node-config.ts';
import { createLogger } from './adapters/logging/logger.ts';
import { bootstrapOrExit, serveOnMetricsPort } from './node-service.ts';

const config = configOrExit();
const logger = createLogger(config.LOG_LEVEL);

const service = await bootstrapOrExit(config, logger);

const opsServer = serveOnMetricsPort(service.opsApp?.(), config, logger, 'metrics and health listening');
logger.info({ jobConcurrency: config.JOB_CONCURRENCY, nats: config.NATS_URL !== undefined }, 'internal process started');

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'internal process stopping: finishing the jobs and the relay batch in hand');
  service.beginShutdown(); // probes see 503 until the end
  await service.close();
  opsServer?.close();
  opsServer?.closeAllConnections();
  logger.info('shutdown complete');
  process.exit(0);
}

process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
