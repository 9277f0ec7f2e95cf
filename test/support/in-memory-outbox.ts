import type { Clock } from '../../src/application/ports/clock.ts';
import type { EventOutbox, OutboxQueue, PendingEvent, PendingJob } from '../../src/application/ports/event-outbox.ts';
import type { JobMessage } from '../../src/application/ports/job-queue.ts';
import type { ProcessedEvents } from '../../src/application/ports/processed-events.ts';
import type { DomainEvent } from '../../src/domain/events.ts';

export type OutboxRow = { event: DomainEvent; attempts: number; availableAt: number; lastError: string | null };
export type OutboxJobRow = { job: JobMessage; queuedAt: number; attempts: number; availableAt: number; lastError: string | null };

/** One kind of rows (events or jobs) of the table, and how to read its id and its pending form. */
type Rows<R extends { attempts: number; availableAt: number }, P> = { rows: Map<string, R>; idOf(row: R): string; pending(row: R): P };

/**
 * The outbox table in memory, with the relay's queue over it: what MikroOrmEventOutbox and
 * MikroOrmOutboxQueue do, run by the same contract. A batch in flight is "locked": a concurrent
 * publishBatch passes over its rows, as SKIP LOCKED does.
 */
export class InMemoryOutbox implements EventOutbox, OutboxQueue {
  readonly rows = new Map<string, OutboxRow>();
  /** The job messages (the rows of kind 'job'), apart so `rows` and `events()` stay the events. */
  readonly jobRows = new Map<string, OutboxJobRow>();
  readonly #locked = new Set<string>();
  readonly #clock: Clock;

  constructor(clock: Clock = { now: () => new Date() }) {
    this.#clock = clock;
  }

  async add(event: DomainEvent): Promise<void> {
    if (this.rows.has(event.id)) throw new Error(`duplicate key value violates unique constraint "outbox_pkey"`);
    this.rows.set(event.id, { event, attempts: 0, availableAt: event.timestamp, lastError: null });
  }

  async addJob(job: JobMessage, queuedAt: Date): Promise<void> {
    if (this.rows.has(job.id) || this.jobRows.has(job.id)) throw new Error(`duplicate key value violates unique constraint "outbox_pkey"`);
    this.jobRows.set(job.id, { job, queuedAt: queuedAt.getTime(), attempts: 0, availableAt: queuedAt.getTime(), lastError: null });
  }

  publishBatch(limit: number, publish: (events: readonly PendingEvent[]) => Promise<void>, retryDelayMs: (attempts: number) => number): Promise<number> {
    const events: Rows<OutboxRow, PendingEvent> = { rows: this.rows, idOf: (row) => row.event.id, pending: (row) => ({ event: row.event, attempts: row.attempts }) };
    return this.#publishBatch(events, limit, publish, retryDelayMs);
  }

  publishJobBatch(limit: number, publish: (jobs: readonly PendingJob[]) => Promise<void>, retryDelayMs: (attempts: number) => number): Promise<number> {
    const jobs: Rows<OutboxJobRow, PendingJob> = { rows: this.jobRows, idOf: (row) => row.job.id, pending: (row) => ({ job: row.job, attempts: row.attempts }) };
    return this.#publishBatch(jobs, limit, publish, retryDelayMs);
  }

  async #publishBatch<R extends { attempts: number; availableAt: number }, P>(
    kind: Rows<R, P>,
    limit: number,
    publish: (pending: readonly P[]) => Promise<void>,
    retryDelayMs: (attempts: number) => number,
  ): Promise<number> {
    const { rows, idOf } = kind;
    const now = this.#clock.now().getTime();
    // Head of line, as the SQL claim: nothing past a row that waits for its retry.
    const waiting = [...rows.values()].filter((row) => row.availableAt > now).map(idOf).sort()[0];
    const due = [...rows.values()]
      .filter((row) => row.availableAt <= now && !this.#locked.has(idOf(row)) && (waiting === undefined || idOf(row) < waiting))
      .sort((a, b) => (idOf(a) < idOf(b) ? -1 : 1))
      .slice(0, limit);
    if (due.length === 0) return 0;
    for (const row of due) this.#locked.add(idOf(row));
    try {
      await publish(due.map(kind.pending));
    } catch (error) {
      const attempts = Math.max(...due.map((row) => row.attempts)) + 1;
      const availableAt = this.#clock.now().getTime() + retryDelayMs(attempts);
      for (const row of due) rows.set(idOf(row), { ...row, attempts: row.attempts + 1, availableAt, lastError: String(error) });
      throw error;
    } finally {
      for (const row of due) this.#locked.delete(idOf(row));
    }
    for (const row of due) rows.delete(idOf(row));
    return due.length;
  }

  async retryNow(): Promise<void> {
    const now = this.#clock.now().getTime();
    for (const [id, row] of this.rows) if (row.availableAt > now) this.rows.set(id, { ...row, availableAt: now });
    for (const [id, row] of this.jobRows) if (row.availableAt > now) this.jobRows.set(id, { ...row, availableAt: now });
  }

  async lag(): Promise<Readonly<{ pending: number; oldestAgeMs: number }>> {
    const times = [...[...this.rows.values()].map((row) => row.event.timestamp), ...[...this.jobRows.values()].map((row) => row.queuedAt)];
    return { pending: times.length, oldestAgeMs: times.length === 0 ? 0 : Math.max(0, this.#clock.now().getTime() - Math.min(...times)) };
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
