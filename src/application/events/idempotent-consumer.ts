import type { DomainEvent } from '../../domain/events.ts';
import type { EventConsumer } from '../ports/event-subscriber.ts';
import type { Repositories, UnitOfWork } from '../ports/unit-of-work.ts';

/** A consumer whose handler works in the transaction that records the event as processed. */
export type TransactionalConsumer = Omit<EventConsumer, 'handle'> & Readonly<{ handle(event: DomainEvent, repos: Repositories): Promise<void> }>;

/**
 * The consumer, acting once per event id however often the event is delivered: the id is recorded
 * in the transaction the handling runs in, so a handler that fails leaves no record (the event comes
 * again) and one that succeeded is skipped when it does. What the handler writes through `repos`
 * commits with the record: exactly once in effect. Effects outside the database (a cache entry
 * dropped) are at least once: twice only if the process dies between the effect and the commit.
 */
export function idempotent(consumer: TransactionalConsumer, uow: UnitOfWork): EventConsumer {
  return {
    name: consumer.name,
    types: consumer.types,
    handle: (event) =>
      uow.transaction(async (repos) => {
        if (!(await repos.processedEvents.record(consumer.name, event.id))) return;
        await consumer.handle(event, repos);
      }),
  };
}
