import { pino, type Logger } from 'pino';
import { traceLogFields } from '../telemetry/tracing.ts';

export type { Logger };

/**
 * JSON logs to stdout (one line per event, for a log shipper to parse). No redaction list: pino's
 * redaction cost 16 µs of CPU per request (measured under `npm run bench`), more than the rest of
 * the logging. Secrets stay out by construction instead: no request body, header or user object
 * is ever logged, which test/e2e/logging.test.ts holds for every path that sees a password.
 */
export function createLogger(level: string, options: { sync?: boolean; traceIds?: boolean } = {}): Logger {
  const settings = {
    level,
    base: { service: 'users-service' },
    timestamp: pino.stdTimeFunctions.isoTime,
    // With tracing on, each line names the active span (`traceId`, `spanId`): a log line leads to its trace.
    ...(options.traceIds ? { mixin: () => traceLogFields() ?? {} } : {}),
  };
  // pino writes asynchronously by default: what is still buffered dies with a killed process.
  return options.sync ? pino(settings, pino.destination({ dest: 1, sync: true })) : pino(settings);
}
