import { pino, type Logger } from 'pino';
import { traceLogFields } from '../telemetry/tracing.ts';

export type { Logger };

export type LoggerOptions = {
  /** Write each line before going on (a worker's record of what it did must survive a kill). */
  sync?: boolean;
  /** Human-readable, coloured lines through pino-pretty (a transport on a worker thread). */
  pretty?: boolean;
  /** Name the active span on each line (tracing on). */
  traceIds?: boolean;
};

/**
 * JSON logs to stdout (one line per event, for a log shipper to parse), or pretty lines for a
 * developer's terminal. No redaction list: pino's redaction cost 16 µs of CPU per request
 * (measured under `npm run bench`), more than the rest of the logging. Secrets stay out by
 * construction instead: no request body, header or user object is ever logged, which
 * test/e2e/logging.test.ts holds for every path that sees a password.
 */
export function createLogger(level: string, options: LoggerOptions = {}): Logger {
  const settings = {
    level,
    base: { service: 'users-service' },
    timestamp: pino.stdTimeFunctions.isoTime,
    // With tracing on, each line names the active span (`traceId`, `spanId`): a log line leads to its trace.
    ...(options.traceIds ? { mixin: () => traceLogFields() ?? {} } : {}),
  };
  if (options.pretty && prettyAvailable()) {
    return pino(settings, pino.transport({ target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,service' } }));
  }
  // pino writes asynchronously by default: what is still buffered dies with a killed process.
  return options.sync ? pino(settings, pino.destination({ dest: 1, sync: true })) : pino(settings);
}

/** pino-pretty is a development dependency: an install with --omit=dev logs JSON instead. */
function prettyAvailable(): boolean {
  try {
    import.meta.resolve('pino-pretty');
    return true;
  } catch {
    return false;
  }
}
