import type { EventConsumer } from './ports/event-subscriber.ts';
import type { UnitOfWork } from './ports/unit-of-work.ts';

/**
 * The consumer, acting once per event id however often the event is delivered: the id is recorded
 * in the transaction the handling runs in, so a handler that fails leaves no record (the event comes
 * again) and one that succeeded is skipped when it does. Handlers receive no repositories yet, so
 * their effects are outside the database: at least once, and twice only if the process dies between
 * the effect and the commit of the record.
 */
export function idempotent(consumer: EventConsumer, uow: UnitOfWork): EventConsumer {
  return {
    ...consumer,
    handle: (event) =>
      uow.transaction(async (repos) => {
        if (!(await repos.processedEvents.record(consumer.name, event.id))) return;
        await consumer.handle(event);
      }),
  };
}
