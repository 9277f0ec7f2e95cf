import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { pino } from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { JetStreamEventPublisher } from '../../../src/adapters/events/jetstream-event-publisher.ts';
import { JetStreamEventSubscriber } from '../../../src/adapters/events/jetstream-event-subscriber.ts';
import { UuidV7Ids } from '../../../src/adapters/system/uuid-v7-ids.ts';
import { idempotent } from '../../../src/application/events/idempotent-consumer.ts';
import type { EventConsumer } from '../../../src/application/ports/event-subscriber.ts';
import type { DomainEvent } from '../../../src/domain/events.ts';
import { InMemoryUnitOfWork } from '../../support/in-memory-unit-of-work.ts';
import { privateNatsForThisFile } from '../../support/nats-server.ts';
import { until } from '../../support/until.ts';

/**
 * What JetStream adds to the EventSubscriber contract (jetstream-subscriber-contract.test.ts): the
 * durable consumer's acknowledgements, and acting once through `idempotent` when an event comes twice.
 */
const shared = privateNatsForThisFile();
let publisher: JetStreamEventPublisher;
const ids = new UuidV7Ids();
const silent = pino({ level: 'silent' });

beforeAll(async () => {
  publisher = await JetStreamEventPublisher.create(shared.nc);
});

const anEvent = (type: DomainEvent['type'] = 'user.updated'): DomainEvent => ({ id: ids.next(), type, data: { id: ids.next(), name: 'Ada' }, timestamp: Date.now() });

const subscriber = () => new JetStreamEventSubscriber(shared.nc, silent, { redeliveryDelayMs: () => 20 });

describe('JetStream consumers', () => {
  it('delivers the types a consumer asked for, and acknowledges what it handled', async () => {
    const seen: DomainEvent[] = [];
    const consumer: EventConsumer = { name: 'types-only', types: ['post.created'], handle: async (event) => void seen.push(event) };
    const subscription = await subscriber().subscribe(consumer);
    const [wanted, unwanted] = [anEvent('post.created'), anEvent('user.created')];
    await publisher.publish([unwanted, wanted]);
    await until(() => seen.length === 1);
    await subscription.stop();
    expect(seen).toEqual([wanted]);
    const info = await (await jetstreamManager(shared.nc)).consumers.info('EVENTS', 'types-only');
    expect(info.num_ack_pending).toBe(0);
    expect(info.num_pending).toBe(0);
  });

  it('delivers a failed event again until it succeeds, and acts once however often it comes', async () => {
    const uow = new InMemoryUnitOfWork();
    let attempts = 0;
    let effects = 0;
    const flaky: EventConsumer = {
      name: 'flaky',
      types: ['user.updated'],
      handle: async () => {
        attempts++;
        if (attempts <= 2) throw new Error('not yet');
        effects++;
      },
    };
    const subscription = await subscriber().subscribe(idempotent(flaky, uow));
    const event = anEvent();
    await publisher.publish([event]);
    await until(() => effects === 1);
    // The same event again under another message id (as after a lost ack): recorded, so no effect.
    await jetstream(shared.nc).publish('events.user.updated', JSON.stringify(event), { msgID: `${event.id}-again` });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await subscription.stop();
    expect(attempts).toBe(3);
    expect(effects).toBe(1);
  });
});
