import { mkdtempSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { afterAll, beforeAll } from 'vitest';
import { freePort, startPrivateServer, type RestartableServer } from './private-server.ts';

/** JetStream keeps what it stored on disk across a kill. */
export type PrivateNats = RestartableServer;

const accepts = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });

/** A nats-server with JetStream of the test's own, on 127.0.0.1 and a free port, from Debian's binary. */
export async function startPrivateNats(): Promise<PrivateNats> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'private-nats-'));
  const binary = process.env.NATS_SERVER_BIN ?? '/usr/sbin/nats-server';
  const args = ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', dir];
  return startPrivateServer({ name: `nats-server on port ${port}`, binary, args, ready: () => accepts(port), port, url: `nats://127.0.0.1:${port}`, dir });
}

/** This test file's private nats-server and a connection to it, made before its tests and closed after; read the fields inside tests. */
export function privateNatsForThisFile(): { nats: PrivateNats; nc: NatsConnection } {
  const context = {} as { nats: PrivateNats; nc: NatsConnection };
  beforeAll(async () => {
    context.nats = await startPrivateNats();
    context.nc = await connect({ servers: context.nats.url });
  });
  afterAll(async () => {
    await context.nc?.close();
    await context.nats?.stop();
  });
  return context;
}
