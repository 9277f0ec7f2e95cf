/**
 * The service process, loaded by src/main.ts: parse the environment, build the service, listen,
 * and shut down gracefully on SIGTERM/SIGINT (stop accepting, let in-flight requests finish, close
 * the ORM, exit 0). Everything else is runtime-neutral and lives in src/composition/.
 */
import { serve, type ServerType } from '@hono/node-server';
import type { Server } from 'node:http';
import { configOrExit } from './node-config.ts';
import { createLogger } from './adapters/logging/logger.ts';
import { prettyLogs } from './log-format.ts';
import { tracingRequested } from './composition/tracing.ts';
import { bootstrapOrExit, serveOnMetricsPort } from './node-service.ts';
import { answerClientErrorsInEnvelope } from './adapters/http/node-client-errors.ts';
import { closeAfterUnreadBody } from './adapters/http/node-unread-body.ts';

const config = configOrExit();
const logger = createLogger(config.LOG_LEVEL, { traceIds: tracingRequested(config), pretty: prettyLogs(config) });

const service = await bootstrapOrExit(config, logger);

const server: ServerType = serve({ fetch: closeAfterUnreadBody(service.app.fetch), port: config.PORT, hostname: config.HOST }, (info) =>
  logger.info({ port: info.port, host: config.HOST }, 'listening'),
);

answerClientErrorsInEnvelope(server as Server);

// METRICS_PORT: a second listener for the scraper alone, closed with the first on shutdown.
const metricsServer = serveOnMetricsPort(service.metricsApp, config, logger, 'metrics listening');

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down: no new connections, finishing in-flight requests');
  service.beginShutdown();
  const http = server as Server;
  // Connections still busy after the grace period are cut, so a stuck client cannot hold us up.
  const force = setTimeout(() => http.closeAllConnections(), config.SHUTDOWN_TIMEOUT_MS);
  force.unref();
  metricsServer?.close();
  metricsServer?.closeAllConnections();
  await new Promise<void>((resolve) => http.close(() => resolve()));
  clearTimeout(force);
  await service.close();
  logger.info('shutdown complete');
  process.exit(0);
}

process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
