import type { EventConsumer } from './ports/event-subscriber.ts';
import type { UnitOfWork } from './ports/unit-of-work.ts';

/**
 * The consumer, acting once per event id however often the event is delivered: the id is recorded
 * in the same transaction as the handling, so a handler that fails leaves no record (the event comes
 * again) and one that succeeded is skipped when it does. Database effects of the handler commit with
 * the record (exactly once); effects elsewhere happen at least once, and only after a handler that
 * succeeded is delivered again because its acknowledgement was lost.
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
