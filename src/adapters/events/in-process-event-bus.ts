import type { EventPublisher } from '../../application/ports/event-outbox.ts';
import type { DomainEvent } from '../../domain/events.ts';

export type EventHandler = (event: DomainEvent) => Promise<void> | void;

/**
 * The publisher without NATS_URL: the relay hands it the outbox's committed events, and it delivers
 * them to this process's subscribers. `publish` only queues (the relay holds the outbox rows'
 * locks while it publishes, and on PGlite a subscriber touching the database would wait for them);
 * delivery follows on the next turn, in order. An event id already delivered is skipped, as
 * JetStream's duplicate window would.
 */
export class InProcessEventBus implements EventPublisher {
  readonly #handlers: EventHandler[] = [];
  readonly #delivered = new Set<string>();
  readonly #onError: (error: unknown, event: DomainEvent) => void;
  #queue: Promise<void> = Promise.resolve();

  constructor(onError: (error: unknown, event: DomainEvent) => void = () => undefined) {
    this.#onError = onError;
  }

  subscribe(handler: EventHandler): void {
    this.#handlers.push(handler);
  }

  async publish(events: readonly DomainEvent[]): Promise<void> {
    const fresh = events.filter((event) => !this.#delivered.has(event.id));
    for (const event of fresh) this.#remember(event.id);
    this.#queue = this.#queue.then(async () => {
      for (const event of fresh) {
        for (const handler of this.#handlers) {
          try {
            await handler(event);
          } catch (error) {
            this.#onError(error, event);
          }
        }
      }
    });
  }

  /** Resolves once everything published so far was delivered. */
  idle(): Promise<void> {
    return this.#queue;
  }

  /** Bounded like JetStream's window: the oldest ids are forgotten first. */
  #remember(id: string): void {
    this.#delivered.add(id);
    if (this.#delivered.size > 100_000) this.#delivered.delete(this.#delivered.values().next().value as string);
  }
}
