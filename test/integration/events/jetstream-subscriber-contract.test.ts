import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { pino } from 'pino';
import { afterAll, beforeAll } from 'vitest';
import { JetStreamEventPublisher } from '../../../src/adapters/events/jetstream-event-publisher.ts';
import { DEAD_LETTER_STREAM, JetStreamEventSubscriber } from '../../../src/adapters/events/jetstream-event-subscriber.ts';
import { eventSubscriberContract, type DeadLetterSeen } from '../../contract/event-subscriber.contract.ts';
import { startPrivateNats, type PrivateNats } from '../../support/nats-server.ts';

let nats: PrivateNats;
let nc: NatsConnection;

beforeAll(async () => {
  nats = await startPrivateNats();
  nc = await connect({ servers: nats.url });
});

afterAll(async () => {
  await nc?.close();
  await nats?.stop();
});

/** Reads the whole dead-letter stream (a fresh ordered consumer each time). */
async function deadLetters(): Promise<DeadLetterSeen[]> {
  const info = await (await jetstreamManager(nc)).streams.info(DEAD_LETTER_STREAM).catch(() => undefined);
  const count = info?.state.messages ?? 0;
  if (count === 0) return [];
  const messages = await (await jetstream(nc).consumers.get(DEAD_LETTER_STREAM)).fetch({ max_messages: count, expires: 1000 });
  const letters: DeadLetterSeen[] = [];
  for await (const message of messages) {
    letters.push({
      consumer: message.headers?.get('dead-consumer') ?? '',
      eventId: (message.json() as { id: string }).id,
      deliveries: Number(message.headers?.get('dead-deliveries')),
      error: message.headers?.get('dead-error') ?? '',
    });
  }
  return letters;
}

eventSubscriberContract('NATS JetStream', async () => {
  // Each test starts from empty streams: the contract counts dead letters from zero.
  const jsm = await jetstreamManager(nc);
  for (const stream of ['EVENTS', DEAD_LETTER_STREAM]) await jsm.streams.delete(stream).catch(() => false);
  const subscriber = new JetStreamEventSubscriber(nc, pino({ level: 'silent' }), { redeliveryDelayMs: () => 10 });
  return {
    publisher: await JetStreamEventPublisher.create(nc),
    subscribe: (consumer) => subscriber.subscribe(consumer),
    deadLetters,
    close: async () => undefined,
  };
});
