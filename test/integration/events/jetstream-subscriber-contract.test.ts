import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { pino } from 'pino';
import { JetStreamEventPublisher } from '../../../src/adapters/events/jetstream-event-publisher.ts';
import { DEAD_LETTER_STREAM, JetStreamEventSubscriber } from '../../../src/adapters/events/jetstream-event-subscriber.ts';
import { eventSubscriberContract, type DeadLetterSeen } from '../../contract/event-subscriber.contract.ts';
import { privateNatsForThisFile } from '../../support/nats-server.ts';

const shared = privateNatsForThisFile();

/** Reads the whole dead-letter stream (a fresh ordered consumer each time). */
async function deadLetters(): Promise<DeadLetterSeen[]> {
  const info = await (await jetstreamManager(shared.nc)).streams.info(DEAD_LETTER_STREAM).catch(() => undefined);
  const count = info?.state.messages ?? 0;
  if (count === 0) return [];
  const messages = await (await jetstream(shared.nc).consumers.get(DEAD_LETTER_STREAM)).fetch({ max_messages: count, expires: 1000 });
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
  const jsm = await jetstreamManager(shared.nc);
  for (const stream of ['EVENTS', DEAD_LETTER_STREAM]) await jsm.streams.delete(stream).catch(() => false);
  const subscriber = new JetStreamEventSubscriber(shared.nc, pino({ level: 'silent' }), { redeliveryDelayMs: () => 10 });
  return {
    publisher: await JetStreamEventPublisher.create(shared.nc),
    subscribe: (consumer) => subscriber.subscribe(consumer),
    deadLetters,
    close: async () => undefined,
  };
});
