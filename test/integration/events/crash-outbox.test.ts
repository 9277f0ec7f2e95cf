import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { exportJWK, generateKeyPair } from 'jose';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPrivateNats, type PrivateNats } from '../../support/nats-server.ts';
import { createTestDatabase } from '../../support/postgres.ts';
import { signIn, startService, type ServiceProcess } from '../process/service-process.ts';

/**
 * The fault test of the outbox: the service is killed with SIGKILL in the middle of 2,000 creates,
 * started again, and then the EVENTS stream must hold exactly one user.created per committed user
 * and none for a user that never committed (the transactions the kill cut short rolled back).
 */
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let nats: PrivateNats;
let reader: NatsConnection;
let env: Record<string, string>;
const running: ServiceProcess[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  nats = await startPrivateNats();
  reader = await connect({ servers: nats.url });
  const { privateKey } = await generateKeyPair('EdDSA', { extractable: true });
  env = { DATABASE_URL: database.url, NATS_URL: nats.url, JWT_PRIVATE_KEY: JSON.stringify(await exportJWK(privateKey)), RATE_LIMIT_MAX: '1000000', CURSOR_SECRET: 'a-cursor-secret-for-both-runs-of-the-service' };
});

afterAll(async () => {
  for (const service of running) if (service.child.exitCode === null) service.child.kill('SIGKILL');
  await reader?.close();
  await nats?.stop();
  await database?.drop();
});

async function query<T extends pg.QueryResultRow>(sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** Every message of the EVENTS stream, read through an ordered consumer in pages. */
async function allEvents(): Promise<{ id: string; type: string; data: { id: string } }[]> {
  const total = (await (await jetstreamManager(reader)).streams.info('EVENTS')).state.messages;
  const consumer = await jetstream(reader).consumers.get('EVENTS');
  const events: { id: string; type: string; data: { id: string } }[] = [];
  while (events.length < total) {
    const page = await consumer.fetch({ max_messages: 500, expires: 2000 });
    for await (const message of page) events.push(message.json());
  }
  return events;
}

describe('kill -9 during 2,000 creates', () => {
  it('every committed user has exactly one user.created event, and no other user has any', async () => {
    const first = await startService(env);
    running.push(first);
    const authorization = await signIn(first.url);
    const acknowledged: string[] = [];
    let next = 0;
    let stopped = false;
    const client = async () => {
      while (!stopped && next < 2000) {
        const i = next++;
        try {
          const res = await fetch(`${first.url}/api/users`, {
            method: 'POST',
            headers: { authorization, 'content-type': 'application/json' },
            body: JSON.stringify({ name: `Crash ${i}`, email: `crash-${i}@example.com` }),
          });
          if (res.status === 201) acknowledged.push(((await res.json()) as { data: { id: string } }).data.id);
        } catch {
          stopped = true; // the server is gone
        }
      }
    };
    const clients = Array.from({ length: 16 }, () => client());
    while (acknowledged.length < 600) await new Promise((resolve) => setTimeout(resolve, 5));
    first.child.kill('SIGKILL'); // mid-run: transactions in flight, events in the outbox not yet published
    await Promise.all(clients);
    await first.exit;

    const second = await startService(env);
    running.push(second);
    const deadline = Date.now() + 30_000;
    while ((await query<{ n: number }>('select count(*)::int as n from outbox'))[0]!.n > 0) {
      if (Date.now() > deadline) throw new Error('the outbox did not drain after the restart');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const users = new Set((await query<{ id: string }>('select id from users')).map((row) => row.id));
    const created = (await allEvents()).filter((event) => event.type === 'user.created');
    const perUser = new Map<string, number>();
    for (const event of created) perUser.set(event.data.id, (perUser.get(event.data.id) ?? 0) + 1);

    expect(users.size).toBeGreaterThan(600); // the admin and at least what was acknowledged
    expect(users.size).toBeLessThan(2001); // the kill cut the run short
    for (const id of acknowledged) expect(users.has(id)).toBe(true);
    expect([...perUser.keys()].filter((id) => !users.has(id))).toEqual([]); // nothing for a rollback
    expect([...users].filter((id) => perUser.get(id) !== 1)).toEqual([]); // exactly one per committed user
    expect(new Set(created.map((event) => event.id)).size).toBe(created.length);
    second.child.kill('SIGTERM');
    expect(await second.exit).toBe(0);
  }, 120_000);
});
