import type { EventEnvelope, EventPublisher } from '../../application/ports/event-outbox.ts';
import { dependencyDown, MAX_DELIVERIES, redeliveryDelayMs, type EventConsumer, type EventSubscriber, type Subscription } from '../../application/ports/event-subscriber.ts';
import type { DomainEvent } from '../../domain/events.ts';

export type DeadLetter = Readonly<{ consumer: string; event: DomainEvent; deliveries: number; error: string }>;

export type InProcessEventBusOptions = {
  /** Told of each dead letter (the bus also keeps the last 1,000 in `deadLetters`). */
  onDeadLetter?(letter: DeadLetter): void;
  /** Waits between deliveries; default setTimeout with redeliveryDelayMs. */
  sleep?(ms: number): Promise<void>;
};

type Subscriber = { consumer: EventConsumer; queue: Promise<void> };

/**
 * Publisher and subscriber in one process, without NATS_URL: the relay hands it the outbox's
 * committed events and each subscribed consumer gets those of its types, in order, with the same
 * rules as the JetStream consumers: a failure is retried after redeliveryDelayMs, up to
 * MAX_DELIVERIES deliveries, then the event is a dead letter and the consumer moves on (unless a
 * dependency is down: see dependencyDown). `publish`
 * only queues (the relay holds the outbox rows' locks while it publishes, and on PGlite a consumer
 * touching the database would wait for them). An event id already published is skipped, as
 * JetStream's duplicate window would.
 */
export class InProcessEventBus implements EventPublisher, EventSubscriber {
  readonly deadLetters: DeadLetter[] = [];
  readonly #subscribers: Subscriber[] = [];
  readonly #published = new Set<string>();
  readonly #onDeadLetter: (letter: DeadLetter) => void;
  readonly #sleep: (ms: number) => Promise<void>;

  constructor(options: InProcessEventBusOptions = {}) {
    this.#onDeadLetter = options.onDeadLetter ?? (() => undefined);
    this.#sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  async subscribe(consumer: EventConsumer): Promise<Subscription> {
    const subscriber: Subscriber = { consumer, queue: Promise.resolve() };
    this.#subscribers.push(subscriber);
    return {
      stop: async () => {
        this.#subscribers.splice(this.#subscribers.indexOf(subscriber), 1);
        await subscriber.queue;
      },
    };
  }

  async publish(events: readonly EventEnvelope[]): Promise<void> {
    const fresh = events.filter((event) => !this.#published.has(event.id));
    for (const event of fresh) this.#remember(event.id);
    for (const subscriber of this.#subscribers) {
      const wanted = fresh.filter((event) => subscriber.consumer.types.includes(event.type));
      if (wanted.length === 0) continue;
      subscriber.queue = subscriber.queue.then(async () => {
        // Once queued, an event is handled even if the consumer is stopping: the relay has already
        // removed it from the outbox, so dropping it here would lose it.
        for (const event of wanted) await this.#deliver(subscriber.consumer, event);
      });
    }
  }

  /** Resolves once everything published so far was handled (or dead-lettered). */
  async idle(): Promise<void> {
    await Promise.all(this.#subscribers.map((subscriber) => subscriber.queue));
  }

  async #deliver(consumer: EventConsumer, event: EventEnvelope): Promise<void> {
    for (let delivery = 1; ; delivery++) {
      try {
        await consumer.handle(event);
        return;
      } catch (error) {
        const waiting = dependencyDown(error);
        if (delivery >= MAX_DELIVERIES && !waiting) {
          const letter = { consumer: consumer.name, event, deliveries: delivery, error: error instanceof Error ? error.message : String(error) };
          this.deadLetters.push(letter);
          if (this.deadLetters.length > 1000) this.deadLetters.shift();
          this.#onDeadLetter(letter);
          return;
        }
        await this.#sleep(redeliveryDelayMs(waiting ? 1 : delivery));
      }
    }
  }

  /** Bounded like JetStream's window: the oldest ids are forgotten first. */
  #remember(id: string): void {
    this.#published.add(id);
    if (this.#published.size > 100_000) this.#published.delete(this.#published.values().next().value as string);
  }
}
