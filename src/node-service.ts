/**
 * What the Node entry points that build the whole service share (main.ts, internal.ts): the
 * service or a clear exit 1, and the second listener for METRICS_PORT.
 */
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import type { Server } from 'node:http';
import { ConfigError, type Config } from './config.ts';
import type { Logger } from './adapters/logging/logger.ts';
import { bootstrap, type Service } from './composition/bootstrap.ts';

export async function bootstrapOrExit(config: Config, logger: Logger): Promise<Service> {
  try {
    return await bootstrap(config, logger);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    logger.fatal({ err: error }, 'start failed');
    process.exit(1);
  }
}

/** `app` on METRICS_PORT (none without it); a listener that fails ends the process. */
export function serveOnMetricsPort(app: Hono | undefined, config: Config, logger: Logger, listening: string): Server | undefined {
  if (!app || config.METRICS_PORT === undefined) return undefined;
  const server = serve({ fetch: app.fetch, port: config.METRICS_PORT, hostname: config.HOST }, (info) => logger.info({ port: info.port, host: config.HOST }, listening)) as Server;
  server.on('error', (error) => {
    logger.fatal({ err: error }, 'metrics listener failed');
    process.exit(1);
  });
  return server;
}
