import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * JSON logs to stdout (one line per event, for a log shipper to parse). Secrets that could end up
 * in a logged object are redacted by path, as a second line of defence.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'users-service' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: ['password', '*.password', 'passwordHash', '*.passwordHash', 'req.headers.authorization', 'headers.authorization'],
      censor: '[redacted]',
    },
  });
}
