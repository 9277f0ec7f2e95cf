import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { connect } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JetStreamEventPublisher } from '../../../src/adapters/events/jetstream-event-publisher.ts';
import { startPrivateNats, type PrivateNats } from '../../support/nats-server.ts';

const EXAMPLE = fileURLToPath(new URL('../../../examples/event-consumer.ts', import.meta.url));
let nats: PrivateNats;

beforeAll(async () => {
  nats = await startPrivateNats();
});

afterAll(async () => {
  await nats?.stop();
});

describe('examples/event-consumer.ts, as an outside consumer runs it', () => {
  it('prints each event of its filter once, and exits 0 on SIGTERM', async () => {
    const nc = await connect({ servers: nats.url });
    const publisher = await JetStreamEventPublisher.create(nc);
    const event = { id: '01900000-0000-7000-8000-0000000000e1', type: 'user.created' as const, data: { id: 'u1', name: 'Ada' }, timestamp: 1_700_000_000_000 };
    const other = { ...event, id: '01900000-0000-7000-8000-0000000000e2', type: 'post.created' as const };
    await publisher.publish([event, other]);
    const child = spawn(process.execPath, [EXAMPLE, '--durable', 'example-test', '--filter', 'events.user.>'], {
      env: { ...process.env, NATS_URL: nats.url },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const deadline = Date.now() + 20_000;
    while (!output.includes('\n') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    child.kill('SIGTERM');
    const code = await new Promise((resolve) => child.once('exit', resolve));
    await nc.close();
    const lines = output.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toEqual([{ subject: 'events.user.created', ceType: 'user.created', ...event }]);
    expect(code).toBe(0);
  });
});
