import { Redis } from 'ioredis';
import type { Logger } from 'pino';

export type RedisConnectionOptions = {
  /** A command slower than this fails; healthy local Redis answers in well under a millisecond. */
  commandTimeoutMs?: number;
  /** How long the start waits for a first connection before going on without one. */
  startTimeoutMs?: number;
};

export type RedisConnection = {
  client: Redis;
  /** Whether Redis answers a PING now (false while disconnected or too slow). */
  ping(): Promise<boolean>;
  /** Called each time an established connection drops. */
  onConnectionLost(listener: () => void): void;
  close(): Promise<void>;
};

/**
 * One ioredis client for the cache and the rate limiter, set up to fail fast rather than wait:
 *
 * - `enableOfflineQueue: false`: while disconnected, a command fails at once instead of being
 *   queued and run minutes later (a queued cache write could land long after newer ones);
 * - `autoResendUnfulfilledCommands: false` and `maxRetriesPerRequest: 0`: a command in flight when
 *   the connection drops fails too, and is counted as lost by whoever sent it;
 * - `commandTimeout`: a hung server costs each request at most this long, and the callers' circuit
 *   breakers stop calling after the first timeout;
 * - reconnects go on forever, backing off to one attempt a second, so the service heals by itself;
 * - `enableAutoPipelining`: commands issued in the same tick share one write (the cache and the
 *   rate limiter also batch their own script calls per event-loop turn: application/batcher.ts).
 *
 * The service starts even when Redis is down (serving from PostgreSQL, /readyz says so).
 */
export async function connectRedis(url: string, logger: Logger, options: RedisConnectionOptions = {}): Promise<RedisConnection> {
  const client = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    autoResendUnfulfilledCommands: false,
    maxRetriesPerRequest: 0,
    commandTimeout: options.commandTimeoutMs ?? 250,
    connectTimeout: 1000,
    enableAutoPipelining: true,
    retryStrategy: (attempt) => Math.min(attempt * 100, 1000),
  });
  const listeners: (() => void)[] = [];
  let wasReady = false;
  let reportedError = false;
  let closing = false;
  client.on('ready', () => {
    wasReady = true;
    reportedError = false;
    logger.info('redis connected');
  });
  client.on('close', () => {
    if (!wasReady) return;
    wasReady = false;
    if (closing) return; // our own shutdown, not a lost connection
    logger.warn('redis connection lost; reconnecting');
    for (const listener of listeners) listener();
  });
  // ioredis emits 'error' on every failed attempt; one line per outage is enough.
  client.on('error', (error: Error) => {
    if (reportedError) return;
    reportedError = true;
    logger.warn({ err: error }, 'redis unavailable');
  });

  const started = client.connect().then(
    () => true,
    () => false,
  );
  const timeout = new Promise<boolean>((resolve) => setTimeout(resolve, options.startTimeoutMs ?? 2000, false).unref());
  if (!(await Promise.race([started, timeout]))) logger.warn('redis is not reachable at start: serving from the database until it is');

  return {
    client,
    ping: async () => {
      try {
        return (await client.ping()) === 'PONG';
      } catch {
        return false;
      }
    },
    onConnectionLost: (listener) => void listeners.push(listener),
    close: async () => {
      closing = true;
      listeners.length = 0;
      if (client.status === 'ready') await client.quit().catch(() => client.disconnect());
      else client.disconnect();
    },
  };
}
