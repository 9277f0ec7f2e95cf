import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort, startPrivateServer, type RestartableServer } from './private-server.ts';

/** An append-only file brings its data back when it starts again. */
export type PrivateRedis = RestartableServer;

async function answersPing(url: string): Promise<boolean> {
  const client = new Redis(url, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 500 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

/**
 * A redis-server of the test's own, on 127.0.0.1 and a free port, from Debian's binary. With
 * `persist`, every write is appended and fsynced (appendfsync always), so a kill -9 and a restart
 * bring back exactly what the server had: the case of a cache restarted from its disk.
 */
export async function startPrivateRedis(options: { persist?: boolean } = {}): Promise<PrivateRedis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'private-redis-'));
  const url = `redis://127.0.0.1:${port}`;
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--logfile', join(dir, 'redis.log')];
  if (options.persist) args.push('--appendonly', 'yes', '--appendfsync', 'always');
  else args.push('--appendonly', 'no');
  return startPrivateServer({ name: `redis-server on port ${port}`, binary: 'redis-server', args, ready: () => answersPing(url), port, url, dir });
}
