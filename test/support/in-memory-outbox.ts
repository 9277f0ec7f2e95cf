import type { Clock } from '../../src/application/ports/clock.ts';
import type { EventOutbox, OutboxQueue, PendingEvent } from '../../src/application/ports/event-outbox.ts';
import type { ProcessedEvents } from '../../src/application/ports/processed-events.ts';
import type { DomainEvent } from '../../src/domain/events.ts';

export type OutboxRow = { event: DomainEvent; attempts: number; availableAt: number; lastError: string | null };

/**
 * The outbox table in memory, with the relay's queue over it: what MikroOrmEventOutbox and
 * MikroOrmOutboxQueue do, run by the same contract. A batch in flight is "locked": a concurrent
 * publishBatch passes over its rows, as SKIP LOCKED does.
 */
export class InMemoryOutbox implements EventOutbox, OutboxQueue {
  readonly rows = new Map<string, OutboxRow>();
  readonly #locked = new Set<string>();
  readonly #clock: Clock;

  constructor(clock: Clock = { now: () => new Date() }) {
    this.#clock = clock;
  }

  async add(event: DomainEvent): Promise<void> {
    if (this.rows.has(event.id)) throw new Error(`duplicate key value violates unique constraint "outbox_pkey"`);
    this.rows.set(event.id, { event, attempts: 0, availableAt: event.timestamp, lastError: null });
  }

  async publishBatch(limit: number, publish: (events: readonly PendingEvent[]) => Promise<void>, retryDelayMs: (attempts: number) => number): Promise<number> {
    const now = this.#clock.now().getTime();
    // Head of line, as the SQL claim: nothing past a row that waits for its retry.
    const waiting = [...this.rows.values()].filter((row) => row.availableAt > now).map((row) => row.event.id).sort()[0];
    const due = [...this.rows.values()]
      .filter((row) => row.availableAt <= now && !this.#locked.has(row.event.id) && (waiting === undefined || row.event.id < waiting))
      .sort((a, b) => (a.event.id < b.event.id ? -1 : 1))
      .slice(0, limit);
    if (due.length === 0) return 0;
    for (const row of due) this.#locked.add(row.event.id);
    try {
      await publish(due.map((row) => ({ event: row.event, attempts: row.attempts })));
    } catch (error) {
      const attempts = Math.max(...due.map((row) => row.attempts)) + 1;
      const availableAt = this.#clock.now().getTime() + retryDelayMs(attempts);
      for (const row of due) this.rows.set(row.event.id, { ...row, attempts: row.attempts + 1, availableAt, lastError: String(error) });
      throw error;
    } finally {
      for (const row of due) this.#locked.delete(row.event.id);
    }
    for (const row of due) this.rows.delete(row.event.id);
    return due.length;
  }

  async retryNow(): Promise<void> {
    const now = this.#clock.now().getTime();
    for (const [id, row] of this.rows) if (row.availableAt > now) this.rows.set(id, { ...row, availableAt: now });
  }

  async lag(): Promise<Readonly<{ pending: number; oldestAgeMs: number }>> {
    const oldest = Math.min(...[...this.rows.values()].map((row) => row.event.timestamp));
    return { pending: this.rows.size, oldestAgeMs: this.rows.size === 0 ? 0 : Math.max(0, this.#clock.now().getTime() - oldest) };
  }

  /** The events waiting, oldest first. */
  events(): DomainEvent[] {
    return [...this.rows.values()].map((row) => row.event).sort((a, b) => (a.id < b.id ? -1 : 1));
  }
}

/** The processed_events table in memory: a set of `consumer event-id` pairs. */
export class InMemoryProcessedEvents implements ProcessedEvents {
  /** Key: `consumer event-id`; value: when it was recorded (PostgreSQL's `now()`, the system clock). */
  readonly rows = new Map<string, Date>();

  async record(consumer: string, eventId: string): Promise<boolean> {
    const key = `${consumer}\u0000${eventId}`;
    if (this.rows.has(key)) return false;
    this.rows.set(key, new Date());
    return true;
  }

  async deleteRecordedBefore(before: Date, limit: number): Promise<number> {
    const old = [...this.rows].filter(([, at]) => at < before).slice(0, limit);
    for (const [key] of old) this.rows.delete(key);
    return old.length;
  }
}
