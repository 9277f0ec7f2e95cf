import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENTS_STREAM } from '../../../src/adapters/events/jetstream-event-publisher.ts';
import { bootService, type BootedService } from '../../support/booted-service.ts';
import { startPrivateNats, type PrivateNats } from '../../support/nats-server.ts';
import { createTestDatabase } from '../../support/postgres.ts';

/**
 * The whole service over PostgreSQL and a nats-server of this test's own: every committed change
 * reaches the EVENTS stream once, with the contract's body and headers; a rolled-back one never does;
 * events committed while NATS is down wait in the outbox and arrive when it is back.
 */
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let nats: PrivateNats;
let service: BootedService;
let token: string;
let reader: NatsConnection;

type Received = { subject: string; body: { id: string; type: string; data: Record<string, unknown>; timestamp: number }; headers: Record<string, string> };

beforeAll(async () => {
  database = await createTestDatabase();
  nats = await startPrivateNats();
  service = await bootService({ DATABASE_URL: database.url, NATS_URL: nats.url, RATE_LIMIT_MAX: '100000' });
  token = await service.adminToken();
  reader = await connect({ servers: nats.url, maxReconnectAttempts: -1, reconnectTimeWait: 200 });
});

afterAll(async () => {
  await reader?.close();
  await service?.close();
  await nats?.stop();
  await database?.drop();
});

/** Every message in the stream, once it holds `expected` (or the time is up), read with an ordered consumer. */
async function streamMessages(expected: number, timeoutMs = 10_000): Promise<Received[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const jsm = await jetstreamManager(reader).catch(() => undefined);
    const info = await jsm?.streams.info(EVENTS_STREAM).catch(() => undefined);
    if (info?.state.messages === expected || Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const consumer = await jetstream(reader).consumers.get(EVENTS_STREAM);
  const received: Received[] = [];
  const messages = await consumer.fetch({ max_messages: expected + 10, expires: 1000 });
  for await (const message of messages) {
    const headers: Record<string, string> = {};
    for (const key of message.headers?.keys() ?? []) headers[key] = message.headers?.get(key) ?? '';
    received.push({ subject: message.subject, body: message.json(), headers });
  }
  return received;
}

describe('events on NATS JetStream', () => {
  it('publishes each committed change once, with the contract body and CloudEvents headers, and nothing for a rollback', async () => {
    const created = await service.call('POST', '/api/users', { token, json: { name: 'Eve', email: 'eve@example.com' } });
    const user = ((await created.json()) as { data: Record<string, unknown> & { id: string } }).data;
    expect((await service.call('POST', '/api/users', { token, json: { name: 'Dup', email: 'eve@example.com' } })).status).toBe(409);
    expect((await service.call('PATCH', `/api/users/${user.id}`, { token, json: { name: 'Eve Two' } })).status).toBe(200);
    expect((await service.call('DELETE', `/api/users/${user.id}`, { token })).status).toBe(204);

    // The admin's own creation at start is the first event.
    const received = await streamMessages(4);
    const mine = received.filter((message) => message.body.data.id === user.id);
    expect(mine.map((message) => message.body.type)).toEqual(['user.created', 'user.updated', 'user.deleted']);
    expect(received).toHaveLength(4);
    const [createdEvent, updatedEvent, deletedEvent] = mine as [Received, Received, Received];
    expect(createdEvent.subject).toBe('events.user.created');
    expect(createdEvent.body.data).toEqual(user);
    expect(updatedEvent.body.data).toMatchObject({ id: user.id, name: 'Eve Two' });
    expect(deletedEvent.body.data).toEqual({ id: user.id });
    for (const { body, headers } of mine) {
      expect(headers['Nats-Msg-Id']).toBe(body.id);
      expect(headers['ce-id']).toBe(body.id);
      expect(headers['ce-specversion']).toBe('1.0');
      expect(headers['ce-type']).toBe(body.type);
      expect(headers['ce-source']).toBe('/users-service');
      expect(headers['ce-time']).toBe(new Date(body.timestamp).toISOString());
      expect(Math.abs(body.timestamp - Date.now())).toBeLessThan(60_000);
    }
  });

  it('keeps events in the outbox while NATS is down and publishes them when it is back, losing none', async () => {
    const before = (await streamMessages(4)).length;
    await nats.kill();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await service.call('POST', '/api/posts', { token, json: { title: `While down ${i}`, body: 'x', status: 'published' } });
      expect(res.status).toBe(201);
      ids.push(((await res.json()) as { data: { id: string } }).data.id);
    }
    const degraded = await service.call('GET', '/readyz');
    expect(degraded.status).toBe(503);
    expect(((await degraded.json()) as { error: { message: string } }).error.message).toBe('Not ready: nats degraded');
    await nats.start();
    const after = await streamMessages(before + 5, 30_000);
    const posts = after.filter((message) => message.body.type === 'post.created').map((message) => message.body.data.id);
    expect(posts).toEqual(ids);
    expect(after).toHaveLength(before + 5);
  });
});
