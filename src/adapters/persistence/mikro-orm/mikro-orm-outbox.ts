import type { SqlEntityManager } from '@mikro-orm/postgresql';
import type { EventOutbox, OutboxQueue, PendingEvent, PendingJob } from '../../../application/ports/event-outbox.ts';
import type { JobMessage } from '../../../application/ports/job-queue.ts';
import type { ProcessedEvents } from '../../../application/ports/processed-events.ts';
import type { QueryResult } from '@mikro-orm/core';
import { isUuid } from '../../../domain/ids.ts';
import type { Clock } from '../../../application/ports/clock.ts';
import type { MessageHeaders } from '../../../application/ports/message-headers.ts';
import { traceHeaders } from '../../telemetry/tracing.ts';
import { isEventType, type DomainEvent } from '../../../domain/events.ts';
import { withoutSqlInErrors } from './database-error.ts';
import type { SqlOrm } from './orm.ts';
import { CLAIM_OUTBOX, DELETE_OUTBOX, DELETE_PROCESSED_BEFORE, INSERT_OUTBOX, INSERT_OUTBOX_JOB, OUTBOX_LAG, RECORD_PROCESSED, RETRY_OUTBOX, RETRY_OUTBOX_NOW } from './outbox-statements.ts';
import { uuidArrayLiteral } from './post-statements.ts';

type OutboxRow = { id: string; type: string; data: unknown; headers: unknown; occurredAt: Date | string; attempts: number };
type OutboxKind = 'event' | 'job';

/** The use cases' side: rows inserted in the unit of work's transaction (its EntityManager fork). */
export class MikroOrmEventOutbox implements EventOutbox {
  readonly #em: SqlEntityManager;
  readonly #onAdded: () => void;

  constructor(em: SqlEntityManager, onAdded: () => void = () => undefined) {
    this.#em = em;
    this.#onAdded = onAdded;
  }

  /** Kept with the event: the trace of the change that made it (when tracing is on), which its consumers continue. */
  async add(event: DomainEvent): Promise<void> {
    const occurredAt = new Date(event.timestamp);
    const headers = traceHeaders();
    await this.#em.execute(INSERT_OUTBOX, [event.id, event.type, JSON.stringify(event.data), occurredAt, occurredAt, headers ? JSON.stringify(headers) : null], 'run');
    this.#onAdded();
  }

  /** Kept with the job's message: its headers, else the trace of the work that queued it (when tracing is on). */
  async addJob(job: JobMessage, queuedAt: Date): Promise<void> {
    const headers = job.headers ?? traceHeaders();
    await this.#em.execute(INSERT_OUTBOX_JOB, [job.id, job.type, headers ? JSON.stringify(headers) : null, queuedAt, queuedAt], 'run');
    this.#onAdded();
  }
}

/** Processed event ids, in the consumer's transaction. */
export class MikroOrmProcessedEvents implements ProcessedEvents {
  readonly #em: SqlEntityManager;

  constructor(em: SqlEntityManager) {
    this.#em = em;
  }

  async record(consumer: string, eventId: string): Promise<boolean> {
    if (!isUuid(eventId)) throw new RangeError(`event ids are UUIDs, got ${JSON.stringify(eventId)}`);
    return (await this.#em.execute<QueryResult>(RECORD_PROCESSED, [consumer, eventId], 'run')).affectedRows === 1;
  }

  async deleteRecordedBefore(before: Date, limit: number): Promise<number> {
    return (await this.#em.execute<QueryResult>(DELETE_PROCESSED_BEFORE, [before, limit], 'run')).affectedRows;
  }
}

/**
 * The relay's side: each batch is one transaction that claims rows (FOR UPDATE SKIP LOCKED),
 * publishes them while holding the locks, and deletes them, so a relay that dies mid-batch leaves
 * its rows to the next (publishing again is harmless: the event id deduplicates). A failed publish
 * reschedules the batch in the same transaction.
 */
export class MikroOrmOutboxQueue implements OutboxQueue {
  readonly #orm: SqlOrm;
  readonly #clock: Clock;

  constructor(orm: SqlOrm, clock: Clock) {
    this.#orm = orm;
    this.#clock = clock;
  }

  publishBatch(limit: number, publish: (events: readonly PendingEvent[]) => Promise<void>, retryDelayMs: (attempts: number) => number): Promise<number> {
    return this.#publishBatch('event', toPendingEvent, limit, publish, retryDelayMs);
  }

  publishJobBatch(limit: number, publish: (jobs: readonly PendingJob[]) => Promise<void>, retryDelayMs: (attempts: number) => number): Promise<number> {
    return this.#publishBatch('job', toPendingJob, limit, publish, retryDelayMs);
  }

  async #publishBatch<T>(
    kind: OutboxKind,
    toPending: (row: OutboxRow) => T,
    limit: number,
    publish: (pending: readonly T[]) => Promise<void>,
    retryDelayMs: (attempts: number) => number,
  ): Promise<number> {
    let failed = false;
    let failure: unknown;
    const published = await withoutSqlInErrors(() =>
      this.#orm.em.fork().transactional(async (em) => {
        const now = this.#clock.now();
        const rows = (await em.execute<OutboxRow[]>(CLAIM_OUTBOX, [kind, now, kind, now, limit], 'all')) as OutboxRow[];
        if (rows.length === 0) return 0;
        const ids = uuidArrayLiteral(rows.map((row) => row.id));
        try {
          await publish(rows.map(toPending));
        } catch (error) {
          failed = true;
          failure = error;
          const attempts = Math.max(...rows.map((row) => row.attempts)) + 1;
          const retryAt = new Date(this.#clock.now().getTime() + retryDelayMs(attempts));
          await em.execute(RETRY_OUTBOX, [retryAt, errorText(error), ids], 'run');
          return 0;
        }
        await em.execute(DELETE_OUTBOX, [ids], 'run');
        return rows.length;
      }),
    );
    if (failed) throw failure;
    return published;
  }

  async retryNow(): Promise<void> {
    const now = this.#clock.now();
    await withoutSqlInErrors(() => this.#orm.em.fork().execute(RETRY_OUTBOX_NOW, [now, now], 'run'));
  }

  async lag(): Promise<Readonly<{ pending: number; oldestAgeMs: number }>> {
    type Row = { pending: number; oldest: Date | string | null };
    const row = (await this.#orm.em.fork().execute<Row>(OUTBOX_LAG, [], 'get')) as Row;
    const oldestAgeMs = row.oldest === null ? 0 : Math.max(0, this.#clock.now().getTime() - new Date(row.oldest).getTime());
    return { pending: Number(row.pending), oldestAgeMs };
  }
}

function toPendingEvent(row: OutboxRow): PendingEvent {
  if (!isEventType(row.type)) throw new Error(`outbox row ${row.id} has an unknown event type`);
  const data = jsonColumn(row.data) as Record<string, unknown>;
  const event = { id: row.id, type: row.type, data, timestamp: new Date(row.occurredAt).getTime() };
  const headers = jsonColumn(row.headers) as MessageHeaders | null;
  return { event: headers ? { ...event, headers } : event, attempts: row.attempts };
}

function toPendingJob(row: OutboxRow): PendingJob {
  const headers = jsonColumn(row.headers) as MessageHeaders | null;
  const job: JobMessage = headers && Object.keys(headers).length > 0 ? { id: row.id, type: row.type, headers } : { id: row.id, type: row.type };
  return { job, attempts: row.attempts };
}

/** jsonb arrives parsed from pg, as text from some drivers. */
function jsonColumn(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : value;
}

/** Kept for an operator reading the table: the reason, never a stack, and bounded. */
function errorText(error: unknown): string {
  return (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, 500);
}
