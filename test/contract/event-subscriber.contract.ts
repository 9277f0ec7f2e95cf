import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UuidV7Ids } from '../../src/adapters/system/uuid-v7-ids.ts';
import type { EventEnvelope, EventPublisher } from '../../src/application/ports/event-outbox.ts';
import { MAX_DELIVERIES, type EventConsumer, type Subscription } from '../../src/application/ports/event-subscriber.ts';
import { ServiceUnavailableError } from '../../src/domain/errors.ts';
import type { DomainEvent } from '../../src/domain/events.ts';
import { until } from '../support/until.ts';

export type DeadLetterSeen = { consumer: string; eventId: string; deliveries: number; error: string };

export type EventSubscriberContext = {
  publisher: EventPublisher;
  subscribe(consumer: EventConsumer): Promise<Subscription>;
  /** The dead letters stored so far, in order. */
  deadLetters(): Promise<DeadLetterSeen[]>;
  close(): Promise<void>;
};

const ids = new UuidV7Ids();
const anEvent = (type: DomainEvent['type'] = 'user.updated'): DomainEvent => ({ id: ids.next(), type, data: { id: ids.next() }, timestamp: Date.now() });

/**
 * The EventSubscriber contract: the in-process bus and JetStream deliver alike. Adapters must
 * wait only a few milliseconds between deliveries here (tests pass a short redelivery delay).
 */
export function eventSubscriberContract(name: string, setup: () => Promise<EventSubscriberContext>): void {
  describe(`EventSubscriber contract: ${name}`, () => {
    let context: EventSubscriberContext;
    const subscriptions: Subscription[] = [];
    const subscribe = async (consumer: EventConsumer) => {
      const subscription = await context.subscribe(consumer);
      subscriptions.push(subscription);
      return subscription;
    };
    beforeEach(async () => {
      context = await setup();
    });
    afterEach(async () => {
      for (const subscription of subscriptions.splice(0)) await subscription.stop();
      await context.close();
    });

    it('delivers the events of the types asked for, in the order published, and no others', async () => {
      const seen: string[] = [];
      await subscribe({ name: `ordered-${ids.next()}`, types: ['post.created', 'post.deleted'], handle: async (event) => void seen.push(event.id) });
      const events = [anEvent('post.created'), anEvent('user.created'), anEvent('post.deleted'), anEvent('post.created')];
      await context.publisher.publish(events);
      await until(() => seen.length === 3);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(seen).toEqual([events[0]!.id, events[2]!.id, events[3]!.id]);
    });

    it("hands the consumer the trace headers an event was published with, and none to an event published without", async () => {
      const seen: EventEnvelope[] = [];
      await subscribe({ name: `traced-${ids.next()}`, types: ['user.deleted'], handle: async (event) => void seen.push(event) });
      const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
      const traced: EventEnvelope = { ...anEvent('user.deleted'), headers: { traceparent } };
      await context.publisher.publish([traced, anEvent('user.deleted')]);
      await until(() => seen.length === 2);
      expect(seen[0]).toEqual(traced);
      expect(seen[1]!.headers).toBeUndefined();
    });

    it('delivers an event whose handler failed again, until it succeeds', async () => {
      let attempts = 0;
      await subscribe({
        name: `flaky-${ids.next()}`,
        types: ['user.updated'],
        handle: async () => {
          attempts++;
          if (attempts < 3) throw new Error('not yet');
        },
      });
      await context.publisher.publish([anEvent()]);
      await until(() => attempts === 3);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(attempts).toBe(3);
      expect(await context.deadLetters()).toEqual([]);
    });

    it(`dead-letters an event after ${MAX_DELIVERIES} failed deliveries, with the reason, and goes on with the next`, async () => {
      const poison = anEvent();
      const next = anEvent();
      const consumer = `picky-${ids.next()}`;
      let deliveries = 0;
      const handled: string[] = [];
      await subscribe({
        name: consumer,
        types: ['user.updated'],
        handle: async (event) => {
          if (event.id !== poison.id) return void handled.push(event.id);
          deliveries++;
          throw new Error('cannot handle this one');
        },
      });
      await context.publisher.publish([poison, next]);
      await until(() => handled.includes(next.id));
      await until(async () => (await context.deadLetters()).length === 1);
      expect(deliveries).toBe(MAX_DELIVERIES);
      expect(await context.deadLetters()).toEqual([{ consumer, eventId: poison.id, deliveries: MAX_DELIVERIES, error: 'cannot handle this one' }]);
    });

    it('never dead-letters an event while a dependency is down: it waits for it, however many deliveries that takes', async () => {
      const outage = MAX_DELIVERIES + 2;
      let deliveries = 0;
      await subscribe({
        name: `patient-${ids.next()}`,
        types: ['user.updated'],
        handle: async () => {
          if (++deliveries <= outage) throw new ServiceUnavailableError('The database is unavailable; try again shortly');
        },
      });
      await context.publisher.publish([anEvent()]);
      await until(() => deliveries === outage + 1);
      expect(await context.deadLetters()).toEqual([]);
    });

    it('stop() lets the event in hand finish and delivers nothing after', async () => {
      const seen: string[] = [];
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      const subscription = await subscribe({
        name: `stopping-${ids.next()}`,
        types: ['user.updated'],
        handle: async (event) => {
          seen.push(event.id);
          if (seen.length === 1) await held;
        },
      });
      const [first, second] = [anEvent(), anEvent()];
      await context.publisher.publish([first]);
      await until(() => seen.length === 1);
      const stopped = subscription.stop();
      release();
      await stopped;
      await context.publisher.publish([second]);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(seen).toEqual([first.id]);
    });
  });
}
