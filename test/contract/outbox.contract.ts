import { MikroOrmOutboxQueue } from '../../src/adapters/persistence/mikro-orm/mikro-orm-outbox.ts';
import { MikroOrmUnitOfWork } from '../../src/adapters/persistence/mikro-orm/mikro-orm-unit-of-work.ts';
import type { Database } from '../../src/adapters/persistence/mikro-orm/orm.ts';
import { resetTables } from '../support/reset-tables.ts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { UuidV7Ids } from '../../src/adapters/system/uuid-v7-ids.ts';
import type { OutboxQueue, PendingEvent, PendingJob } from '../../src/application/ports/event-outbox.ts';
import type { JobMessage } from '../../src/application/ports/job-queue.ts';
import type { UnitOfWork } from '../../src/application/ports/unit-of-work.ts';
import { EVENT_TYPES, type DomainEvent, type EventType } from '../../src/domain/events.ts';
import { EPOCH, FixedClock } from '../support/fixed-clock.ts';

/**
 * What every outbox adapter gives the contract: the unit of work whose `repos.outbox` records
 * events, the relay's queue over the same table, and the clock that queue decides "due" and
 * "age" by (the test moves it; `reset` sets it back to EPOCH).
 */
export type OutboxContractContext = {
  uow: UnitOfWork;
  queue: OutboxQueue;
  clock: FixedClock;
  reset(): Promise<void>;
  close(): Promise<void>;
};

type Deferred = { promise: Promise<void>; resolve(): void; reject(error: unknown): void };

function deferred(): Deferred {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Fails (rather than hangs the suite) when `promise` does not settle in time. */
async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not settle within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** A publish that records every batch it is handed and succeeds. */
function recorder() {
  const batches: PendingEvent[][] = [];
  return {
    batches,
    publish: async (events: readonly PendingEvent[]) => {
      batches.push([...events]);
    },
    ids: () => batches.flat().map((pending) => pending.event.id),
  };
}

const noRetry = (): number => {
  throw new Error('retryDelayMs must not be asked when publishing succeeds');
};

/**
 * The EventOutbox + OutboxQueue contract, run against every adapter: only committed events are
 * published, in the order they were recorded, at most `limit` per batch; a failed publish keeps
 * them, counts the attempt and makes them wait `retryDelayMs(attempts)`; concurrent batches get
 * disjoint events (SKIP LOCKED); the event comes back exactly as it was recorded.
 */
export function outboxContract(
  name: string,
  setup: () => Promise<OutboxContractContext>,
  options: {
    /**
     * Whether two publishBatch calls (and a transaction) can be in flight at once. PGlite has one
     * connection: a second transaction waits for the first, so there is nothing to race there.
     */
    concurrent: boolean;
  },
): void {
  describe(`EventOutbox + OutboxQueue contract: ${name}`, () => {
    let context: OutboxContractContext | undefined;
    const ctx = (): OutboxContractContext => {
      if (!context) throw new Error('contract setup did not complete');
      return context;
    };
    let ids = new UuidV7Ids();
    let serial = 0;

    /** An event stamped now (so due now), with a UUIDv7 id drawn when it is built. */
    const anEvent = (overrides: Partial<DomainEvent> = {}): DomainEvent => {
      serial++;
      const type: EventType = EVENT_TYPES[serial % EVENT_TYPES.length] as EventType;
      return { id: ids.next(), type, data: { id: `resource-${serial}`, n: serial }, timestamp: ctx().clock.now().getTime(), ...overrides };
    };
    /** Commits the events, in this order, in one transaction. */
    const commit = (...events: DomainEvent[]) =>
      ctx().uow.transaction(async ({ outbox }) => {
        for (const event of events) await outbox.add(event);
      });
    const batch = (limit: number, publish: (events: readonly PendingEvent[]) => Promise<void>, retryDelayMs: (attempts: number) => number = noRetry) =>
      ctx().queue.publishBatch(limit, publish, retryDelayMs);
    const lag = () => ctx().queue.lag();

    beforeAll(async () => {
      context = await setup();
    });
    afterAll(async () => {
      await context?.close();
    });
    beforeEach(async () => {
      await context?.reset();
      ids = new UuidV7Ids();
    });

    it('processed event ids: retention removes the records made before the cutoff, a batch at a time', async () => {
      const eventIds = [ids.next(), ids.next(), ids.next()];
      await ctx().uow.transaction(async ({ processedEvents }) => {
        for (const id of eventIds) await processedEvents.record('retained', id);
      });
      const remove = (before: Date, limit: number) => ctx().uow.read(({ processedEvents }) => processedEvents.deleteRecordedBefore(before, limit));
      expect(await remove(new Date(Date.now() - 3_600_000), 10)).toBe(0);
      const later = new Date(Date.now() + 3_600_000);
      expect(await remove(later, 2)).toBe(2);
      expect(await remove(later, 2)).toBe(1);
      // Gone: the same event would now be handled again (hence a retention far longer than any redelivery).
      expect(await ctx().uow.transaction(({ processedEvents }) => processedEvents.record('retained', eventIds[0]!))).toBe(true);
    });

    it('publishes committed events in the order they were recorded, then they are gone', async () => {
      const events = Array.from({ length: 6 }, () => anEvent());
      const [e1, e2, e3, e4, e5, e6] = events as [DomainEvent, DomainEvent, DomainEvent, DomainEvent, DomainEvent, DomainEvent];
      await commit(e1, e2);
      await commit(e3);
      await commit(e4, e5, e6);
      expect(await lag()).toEqual({ pending: 6, oldestAgeMs: 0 });

      const published = recorder();
      expect(await batch(100, published.publish)).toBe(6);
      expect(published.batches).toHaveLength(1);
      expect(published.batches[0]).toEqual(events.map((event) => ({ event, attempts: 0 })));

      expect(await lag()).toEqual({ pending: 0, oldestAgeMs: 0 });
      const again = recorder();
      expect(await batch(100, again.publish)).toBe(0);
      expect(again.batches).toEqual([]); // nothing due: publish is not even called
    });

    it('publishes in recording order across transactions committed in another order', async () => {
      // Recorded (ids drawn) e1 < e2 < e3, but e3's transaction commits first.
      const [e1, e2, e3] = [anEvent(), anEvent(), anEvent()];
      await commit(e3);
      await commit(e1);
      await commit(e2);
      const published = recorder();
      expect(await batch(100, published.publish)).toBe(3);
      expect(published.ids()).toEqual([e1.id, e2.id, e3.id]);
    });

    it('never publishes the events of a rolled-back transaction', async () => {
      const kept = anEvent();
      const lost = [anEvent(), anEvent()];
      const failure = new Error('the change failed after recording its events');
      await expect(
        ctx().uow.transaction(async ({ outbox }) => {
          for (const event of lost) await outbox.add(event);
          throw failure;
        }),
      ).rejects.toBe(failure);
      await commit(kept);

      expect((await lag()).pending).toBe(1);
      const published = recorder();
      expect(await batch(100, published.publish)).toBe(1);
      expect(published.ids()).toEqual([kept.id]);
      expect(await batch(100, published.publish)).toBe(0);
      expect(published.ids()).toEqual([kept.id]);
    });

    it('hands out at most `limit` events per batch; the next batches take the rest, in order', async () => {
      const events = Array.from({ length: 5 }, () => anEvent());
      await commit(...events);
      const published = recorder();
      expect(await batch(2, published.publish)).toBe(2);
      expect(published.ids()).toEqual(events.slice(0, 2).map((event) => event.id));
      expect((await lag()).pending).toBe(3);

      expect(await batch(2, published.publish)).toBe(2);
      expect(await batch(2, published.publish)).toBe(1);
      expect(await batch(2, published.publish)).toBe(0);
      expect(published.batches.map((b) => b.length)).toEqual([2, 2, 1]);
      expect(published.ids()).toEqual(events.map((event) => event.id));
      expect((await lag()).pending).toBe(0);
    });

    it('a publish that throws: the error is rethrown, nothing removed, the attempt counted and the batch waits retryDelayMs', async () => {
      const events = [anEvent(), anEvent(), anEvent()];
      await commit(...events);
      const outage = new Error('broker unreachable');
      const asked: number[] = [];
      const delay = (attempts: number) => {
        asked.push(attempts);
        return 5_000;
      };
      const handed: PendingEvent[][] = [];
      const failing = async (pending: readonly PendingEvent[]) => {
        handed.push([...pending]);
        throw outage;
      };

      await expect(batch(10, failing, delay)).rejects.toBe(outage);
      expect(handed).toEqual([events.map((event) => ({ event, attempts: 0 }))]);
      expect(asked).toEqual([1]);
      expect((await lag()).pending).toBe(3);

      // Not due again before the delay has passed.
      const early = recorder();
      expect(await batch(10, early.publish)).toBe(0);
      ctx().clock.advance(4_999);
      expect(await batch(10, early.publish)).toBe(0);
      expect(early.batches).toEqual([]);

      // Due at the delay: handed over again with the attempt counted, and failing again counts another.
      ctx().clock.advance(1);
      await expect(batch(10, failing, delay)).rejects.toBe(outage);
      expect(handed[1]).toEqual(events.map((event) => ({ event, attempts: 1 })));
      expect(asked).toEqual([1, 2]);

      ctx().clock.advance(5_000);
      const published = recorder();
      expect(await batch(10, published.publish)).toBe(3);
      expect(published.batches).toEqual([events.map((event) => ({ event, attempts: 2 }))]);
      expect(await lag()).toEqual({ pending: 0, oldestAgeMs: 0 });
    });

    it('retryNow makes the events waiting for a retry due at once, keeping their attempts', async () => {
      const events = [anEvent(), anEvent()];
      await commit(...events);
      await expect(batch(10, async () => Promise.reject(new Error('broker unreachable')), () => 60_000)).rejects.toThrow('broker unreachable');
      const early = recorder();
      expect(await batch(10, early.publish)).toBe(0); // waiting a minute
      await ctx().queue.retryNow();
      const published = recorder();
      expect(await batch(10, published.publish)).toBe(2);
      expect(published.batches).toEqual([events.map((event) => ({ event, attempts: 1 }))]);
    });

    it('the retry delay is measured from the failure, by the clock', async () => {
      const event = anEvent();
      await commit(event);
      ctx().clock.advance(60_000); // the failure happens a minute after the event was recorded
      await expect(batch(10, async () => Promise.reject(new Error('down')), () => 1_000)).rejects.toThrow('down');
      const published = recorder();
      ctx().clock.advance(999);
      expect(await batch(10, published.publish)).toBe(0);
      ctx().clock.advance(1);
      expect(await batch(10, published.publish)).toBe(1);
    });

    it('an event waiting for its retry holds back those recorded after it (head of line); they follow it in order once it is due', async () => {
      const [failed1, failed2] = [anEvent(), anEvent()];
      await commit(failed1, failed2);
      await expect(batch(10, async () => Promise.reject(new Error('down')), () => 10_000)).rejects.toThrow('down');
      const later = anEvent();
      await commit(later);

      const published = recorder();
      expect(await batch(10, published.publish)).toBe(0);
      ctx().clock.advance(9_999);
      expect(await batch(10, published.publish)).toBe(0);
      expect(published.batches).toEqual([]);
      expect((await lag()).pending).toBe(3);

      ctx().clock.advance(1);
      expect(await batch(10, published.publish)).toBe(3);
      expect(published.batches[0]?.map((pending) => [pending.event.id, pending.attempts])).toEqual([
        [failed1.id, 1],
        [failed2.id, 1],
        [later.id, 0],
      ]);
    });

    it('an event recorded before the one waiting for its retry, but committed after it failed, is not held back', async () => {
      const [earlier, waiting] = [anEvent(), anEvent()]; // ids drawn in this order
      await commit(waiting);
      await expect(batch(10, async () => Promise.reject(new Error('down')), () => 10_000)).rejects.toThrow('down');
      await commit(earlier); // a longer transaction that drew its id first commits now
      const published = recorder();
      expect(await batch(10, published.publish)).toBe(1);
      expect(published.ids()).toEqual([earlier.id]);
      ctx().clock.advance(10_000);
      expect(await batch(10, published.publish)).toBe(1);
      expect(published.ids()).toEqual([earlier.id, waiting.id]);
    });

    it('recording an event whose id is already in the outbox fails its transaction and leaves the first as it was', async () => {
      const first = anEvent();
      await commit(first);
      const clash = { ...first, type: 'post.deleted' as const, data: { id: 'another' } };
      const other = anEvent();
      await expect(commit(other, clash)).rejects.toThrow();
      const published = recorder();
      expect(await batch(10, published.publish)).toBe(1);
      expect(published.batches).toEqual([[{ event: first, attempts: 0 }]]);
    });

    it('a retried event keeps its place: batches stay in recording order, not in order of last attempt', async () => {
      const [e1, e2, e3] = [anEvent(), anEvent(), anEvent()];
      await commit(e1, e2, e3);
      // e1 and e2 fail (their rows are rewritten); e3 was never tried.
      await expect(batch(2, async () => Promise.reject(new Error('down')), () => 1_000)).rejects.toThrow('down');
      ctx().clock.advance(1_000);
      const published = recorder();
      expect(await batch(10, published.publish)).toBe(3);
      expect(published.batches[0]?.map((pending) => [pending.event.id, pending.attempts])).toEqual([
        [e1.id, 1],
        [e2.id, 1],
        [e3.id, 0],
      ]);
    });

    it('lag: how many events wait and the age of the oldest, by the clock', async () => {
      expect(await lag()).toEqual({ pending: 0, oldestAgeMs: 0 });
      const first = anEvent();
      await commit(first);
      ctx().clock.advance(1_500);
      expect(await lag()).toEqual({ pending: 1, oldestAgeMs: 1_500 });

      const second = anEvent();
      await commit(second);
      ctx().clock.advance(500);
      expect(await lag()).toEqual({ pending: 2, oldestAgeMs: 2_000 });

      // A failed attempt does not make an event younger.
      await expect(batch(1, async () => Promise.reject(new Error('down')), () => 100)).rejects.toThrow('down');
      expect(await lag()).toEqual({ pending: 2, oldestAgeMs: 2_000 });

      ctx().clock.advance(100);
      await batch(1, recorder().publish);
      expect(await lag()).toEqual({ pending: 1, oldestAgeMs: 600 });
      await batch(1, recorder().publish);
      expect(await lag()).toEqual({ pending: 0, oldestAgeMs: 0 });
    });

    it('the event comes back exactly as recorded: id, every type, nested data, unicode, millisecond timestamp', async () => {
      ctx().clock.advance(123); // a timestamp with milliseconds
      const data = {
        id: '0190a6f0-1234-7abc-8def-0123456789ab',
        title: 'Ünïcödé ✓ 日本語 🎉 — “quotes” \'single\' "double" back\\slash',
        body: 'line one\nline two\ttabbed',
        zero: 0,
        numbers: [1, -2, 2.5, 1e21, Number.MAX_SAFE_INTEGER],
        flags: { yes: true, no: false, nothing: null },
        nested: { deeper: { list: [{ a: 'x' }, [], {}], empty: '' } },
        createdAt: '2024-01-20T10:00:00.123Z',
      };
      const events = EVENT_TYPES.map((type) => anEvent({ type, data: { ...data, type } }));
      await commit(...events);
      const published = recorder();
      expect(await batch(100, published.publish)).toBe(events.length);
      expect(published.batches[0]).toStrictEqual(events.map((event) => ({ event, attempts: 0 })));
      for (const pending of published.batches[0] ?? []) {
        expect(pending.event.timestamp).toBe(ctx().clock.now().getTime());
        expect(pending.event.timestamp % 1000).toBe(123);
      }
    });

    describe('job messages', () => {
      const TRACE = { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' };
      const aJob = (headers?: Record<string, string>): JobMessage => ({ id: ids.next(), type: 'users.export', ...(headers ? { headers } : {}) });
      const commitJobs = (...jobs: JobMessage[]) =>
        ctx().uow.transaction(async ({ outbox }) => {
          for (const job of jobs) await outbox.addJob(job, ctx().clock.now());
        });
      const jobBatch = (limit: number, publish: (jobs: readonly PendingJob[]) => Promise<void>, retryDelayMs: (attempts: number) => number = noRetry) =>
        ctx().queue.publishJobBatch(limit, publish, retryDelayMs);
      const jobRecorder = () => {
        const handed: PendingJob[] = [];
        return { handed, publish: async (jobs: readonly PendingJob[]) => void handed.push(...jobs) };
      };

      it('hands committed job messages, headers included, to the job batch only, in order, then they are gone', async () => {
        const event = anEvent();
        const jobs = [aJob(TRACE), aJob(), aJob()];
        await ctx().uow.transaction(async ({ outbox }) => {
          await outbox.add(event);
          for (const job of jobs) await outbox.addJob(job, ctx().clock.now());
        });
        expect(await lag()).toEqual({ pending: 4, oldestAgeMs: 0 });
        const published = recorder();
        expect(await batch(100, published.publish)).toBe(1);
        expect(published.ids()).toEqual([event.id]);
        const taken = jobRecorder();
        expect(await jobBatch(2, taken.publish)).toBe(2);
        expect(await jobBatch(2, taken.publish)).toBe(1);
        expect(taken.handed).toStrictEqual(jobs.map((job) => ({ job, attempts: 0 })));
        expect(await jobBatch(2, taken.publish)).toBe(0);
        expect(await lag()).toEqual({ pending: 0, oldestAgeMs: 0 });
      });

      it('never hands over the job messages of a rolled-back transaction', async () => {
        const lost = aJob();
        await expect(
          ctx().uow.transaction(async ({ outbox }) => {
            await outbox.addJob(lost, ctx().clock.now());
            throw new Error('the change failed after queueing its job');
          }),
        ).rejects.toThrow('the change failed');
        const kept = aJob();
        await commitJobs(kept);
        const taken = jobRecorder();
        expect(await jobBatch(10, taken.publish)).toBe(1);
        expect(taken.handed.map((pending) => pending.job.id)).toEqual([kept.id]);
      });

      it('a job batch that throws keeps the messages, counts the attempt and waits retryDelayMs, apart from the events', async () => {
        const jobs = [aJob(), aJob()];
        await commitJobs(...jobs);
        const event = anEvent();
        await commit(event);
        await expect(jobBatch(10, async () => Promise.reject(new Error('JOBS unavailable')), () => 2_000)).rejects.toThrow('JOBS unavailable');
        // The events are not behind the waiting job messages.
        const published = recorder();
        expect(await batch(10, published.publish)).toBe(1);
        const taken = jobRecorder();
        expect(await jobBatch(10, taken.publish)).toBe(0);
        ctx().clock.advance(2_000);
        expect(await jobBatch(10, taken.publish)).toBe(2);
        expect(taken.handed).toEqual(jobs.map((job) => ({ job, attempts: 1 })));
      });

      it('a job message queued later than the clock is not due until then', async () => {
        const job = aJob();
        await ctx().uow.transaction(({ outbox }) => outbox.addJob(job, new Date(ctx().clock.now().getTime() + 1_000)));
        const taken = jobRecorder();
        expect(await jobBatch(10, taken.publish)).toBe(0);
        ctx().clock.advance(1_000);
        expect(await jobBatch(10, taken.publish)).toBe(1);
      });
    });

    it('an event stamped later than the clock is not due until then', async () => {
      const future = anEvent({ timestamp: ctx().clock.now().getTime() + 1_000 });
      await commit(future);
      const published = recorder();
      expect(await batch(10, published.publish)).toBe(0);
      ctx().clock.advance(1_000);
      expect(await batch(10, published.publish)).toBe(1);
    });

    // Registered only where batches can overlap (not on PGlite's single connection): never skipped.
    if (options.concurrent) describe('with batches and transactions in flight at once', () => {
      it('two concurrent batches get disjoint events (SKIP LOCKED) and together publish each exactly once', async () => {
        const events = Array.from({ length: 5 }, () => anEvent());
        await commit(...events);

        const first: PendingEvent[] = [];
        const started = deferred();
        const release = deferred();
        const firstBatch = batch(3, async (pending) => {
          first.push(...pending);
          started.resolve();
          await release.promise;
        });
        try {
          await within(started.promise, 5_000, 'the first batch');
          // The second batch must not wait for the first one's locks: it takes what is left.
          const second = recorder();
          expect(await within(batch(3, second.publish), 5_000, 'the second batch (blocked on the first one\'s locks?)')).toBe(2);
          expect(first.map((pending) => pending.event.id)).toEqual(events.slice(0, 3).map((event) => event.id));
          expect(second.ids()).toEqual(events.slice(3).map((event) => event.id));
          // A third finds nothing free while the first still holds its three.
          const third = recorder();
          expect(await within(batch(3, third.publish), 5_000, 'the third batch')).toBe(0);
          expect(third.batches).toEqual([]);
        } finally {
          release.resolve();
        }
        expect(await firstBatch).toBe(3);
        expect(await lag()).toEqual({ pending: 0, oldestAgeMs: 0 });
        expect(await batch(10, recorder().publish)).toBe(0);
      });

      it('a batch whose publish fails while another is in flight leaves the other one\'s events alone', async () => {
        const events = Array.from({ length: 4 }, () => anEvent());
        await commit(...events);
        const started = deferred();
        const release = deferred();
        const firstBatch = batch(2, async () => {
          started.resolve();
          await release.promise;
        });
        try {
          await within(started.promise, 5_000, 'the first batch');
          await expect(within(batch(2, async () => Promise.reject(new Error('down')), () => 1_000), 5_000, 'the failing batch')).rejects.toThrow('down');
        } finally {
          release.resolve();
        }
        expect(await firstBatch).toBe(2);
        expect((await lag()).pending).toBe(2);
        ctx().clock.advance(1_000);
        const retried = recorder();
        expect(await batch(10, retried.publish)).toBe(2);
        expect(retried.batches[0]?.map((pending) => [pending.event.id, pending.attempts])).toEqual([
          [events[2]?.id, 1],
          [events[3]?.id, 1],
        ]);
      });

      it('several relays draining together publish every event exactly once', async () => {
        const events = Array.from({ length: 60 }, () => anEvent());
        for (let i = 0; i < events.length; i += 10) await commit(...events.slice(i, i + 10));
        const seen: string[] = [];
        const relay = async () => {
          for (;;) {
            const published = await batch(4, async (pending) => {
              seen.push(...pending.map((p) => p.event.id));
              await new Promise((resolve) => setTimeout(resolve, Math.random() * 3));
            });
            if (published === 0) return;
          }
        };
        await within(Promise.all([relay(), relay(), relay(), relay()]), 20_000, 'four relays');
        expect(seen).toHaveLength(events.length);
        expect(new Set(seen)).toEqual(new Set(events.map((event) => event.id)));
        expect(await lag()).toEqual({ pending: 0, oldestAgeMs: 0 });
      });

      it('a batch published while another transaction is open stays published when that transaction commits', async () => {
        const early = anEvent();
        await commit(early);
        const late = anEvent();
        const recorded = deferred();
        const release = deferred();
        const transaction = ctx().uow.transaction(async ({ outbox }) => {
          await outbox.add(late);
          recorded.resolve();
          await release.promise;
        });
        const published = recorder();
        try {
          await within(recorded.promise, 5_000, 'the open transaction');
          // Only committed events: `late` is not visible yet, `early` is.
          expect(await within(batch(10, published.publish), 5_000, 'the batch')).toBe(1);
          expect(published.ids()).toEqual([early.id]);
        } finally {
          release.resolve();
        }
        await transaction;
        expect(await batch(10, published.publish)).toBe(1);
        expect(published.ids()).toEqual([early.id, late.id]); // `early` not a second time
        expect(await lag()).toEqual({ pending: 0, oldestAgeMs: 0 });
      });

      it('a batch that failed while another transaction was open keeps its counted attempt when that transaction commits', async () => {
        const early = anEvent();
        await commit(early);
        const recorded = deferred();
        const release = deferred();
        const transaction = ctx().uow.transaction(async ({ outbox }) => {
          await outbox.add(anEvent());
          recorded.resolve();
          await release.promise;
        });
        try {
          await within(recorded.promise, 5_000, 'the open transaction');
          await expect(within(batch(10, async () => Promise.reject(new Error('down')), () => 60_000), 5_000, 'the batch')).rejects.toThrow('down');
        } finally {
          release.resolve();
        }
        await transaction;
        const published = recorder();
        await batch(10, published.publish);
        // `early` waits out its retry delay: only the newly committed event is due.
        expect(published.ids()).not.toContain(early.id);
        ctx().clock.advance(60_000);
        await batch(10, published.publish);
        expect(published.batches.flat().find((pending) => pending.event.id === early.id)?.attempts).toBe(1);
      });
    });
  });
}

/** The contract's context over a MikroORM database (PGlite or PostgreSQL); `close` runs after the database closes. */
export function mikroOrmOutboxContext(database: Database, close: () => Promise<void> = async () => undefined): OutboxContractContext {
  const clock = new FixedClock();
  return {
    uow: new MikroOrmUnitOfWork(database.orm),
    queue: new MikroOrmOutboxQueue(database.orm, clock),
    clock,
    reset: async () => {
      await resetTables(database);
      clock.set(EPOCH);
    },
    close: async () => {
      await database.close();
      await close();
    },
  };
}
