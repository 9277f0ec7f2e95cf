import { afterEach, describe, expect, it, vi } from 'vitest';
import { InProcessEventBus } from '../../../../src/adapters/events/in-process-event-bus.ts';
import { OutboxRelay, retryDelayMs, type OutboxRelayOptions } from '../../../../src/application/events/outbox-relay.ts';
import type { EventPublisher } from '../../../../src/application/ports/event-outbox.ts';
import type { JobMessage, JobQueue } from '../../../../src/application/ports/job-queue.ts';
import type { DomainEvent } from '../../../../src/domain/events.ts';
import { FixedClock } from '../../../support/fixed-clock.ts';
import { InMemoryOutbox } from '../../../support/in-memory-outbox.ts';
import { SequentialIds } from '../../../support/sequential-ids.ts';

/** Lets every pending promise callback (and the relay's loop) run: no timers involved. */
async function settle(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** Settles until `condition` holds, or fails naming what never happened. */
async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (condition()) return;
    await settle(1);
  }
  throw new Error(`never happened: ${what}`);
}

type Deferred = { promise: Promise<void>; resolve(): void };
function deferred(): Deferred {
  let resolve!: () => void;
  const promise = new Promise<void>((res) => {
    resolve = res;
  });
  return { promise, resolve };
}

/**
 * The relay's `sleep`, under the test's control: each call waits until the test ends it (`elapse`,
 * as if the poll interval passed) or the relay's signal aborts. Nothing here depends on time.
 */
class ControlledSleep {
  readonly calls: { ms: number; done: boolean; end(): void }[] = [];
  /** When true, a sleep ignores its abort signal (the relay must still stop). */
  ignoreAbort = false;

  readonly sleep = (ms: number, signal: AbortSignal): Promise<void> =>
    new Promise<void>((resolve) => {
      const call = {
        ms,
        done: false,
        end: () => {
          call.done = true;
          resolve();
        },
      };
      this.calls.push(call);
      if (!this.ignoreAbort) signal.addEventListener('abort', () => call.end(), { once: true });
    });

  get pending(): number {
    return this.calls.filter((call) => !call.done).length;
  }

  /** Ends every pending sleep: the poll interval has passed. */
  async elapse(): Promise<void> {
    for (const call of this.calls) if (!call.done) call.end();
    await settle();
  }
}

/** A publisher that records each batch; it fails while `failure` is set, and can hold batches open. */
class RecordingPublisher implements EventPublisher {
  readonly batches: DomainEvent[][] = [];
  readonly attempts: DomainEvent[][] = [];
  failure: Error | undefined;
  /** While set, each publish waits for it. */
  hold: Deferred | undefined;

  async publish(events: readonly DomainEvent[]): Promise<void> {
    this.attempts.push([...events]);
    if (this.hold) await this.hold.promise;
    if (this.failure) throw this.failure;
    this.batches.push([...events]);
  }

  get published(): string[] {
    return this.batches.flat().map((event) => event.id);
  }
}

/** A job queue that records what it takes; it refuses while `failure` is set (the JOBS stream away). */
class RecordingJobQueue implements JobQueue {
  readonly messages: JobMessage[] = [];
  failure: Error | undefined;

  async enqueue(message: JobMessage): Promise<void> {
    if (this.failure) throw this.failure;
    this.messages.push(message);
  }

  async work(): Promise<never> {
    throw new Error('not used here');
  }
}

function world(options: Partial<OutboxRelayOptions> = {}) {
  const clock = new FixedClock();
  const ids = new SequentialIds();
  const outbox = new InMemoryOutbox(clock);
  const publisher = new RecordingPublisher();
  const jobQueue = new RecordingJobQueue();
  const sleeper = new ControlledSleep();
  const errors: unknown[] = [];
  const relay = new OutboxRelay({
    queue: outbox,
    publisher,
    jobQueue,
    batchSize: 3,
    pollIntervalMs: 60_000,
    onError: (error) => errors.push(error),
    sleep: sleeper.sleep,
    ...options,
  });
  /** Commits `n` events stamped now (so due now); returns them in order. */
  const record = async (n: number, at = clock.now()): Promise<DomainEvent[]> => {
    const events: DomainEvent[] = [];
    for (let i = 0; i < n; i++) {
      const event: DomainEvent = { id: ids.next(), type: 'user.updated', data: { n: i }, timestamp: at.getTime() };
      await outbox.add(event);
      events.push(event);
    }
    return events;
  };
  const idsOf = (events: DomainEvent[]) => events.map((event) => event.id);
  /** Commits `n` job messages queued now; returns them in order. */
  const recordJobs = async (n: number): Promise<JobMessage[]> => {
    const jobs = Array.from({ length: n }, (_, i): JobMessage => ({ id: ids.next(), type: 'users.export', ...(i === 0 ? { headers: { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' } } : {}) }));
    for (const job of jobs) await outbox.addJob(job, clock.now());
    return jobs;
  };
  return { clock, outbox, publisher, jobQueue, sleeper, errors, relay, record, recordJobs, idsOf };
}

const started: OutboxRelay[] = [];
function start(relay: OutboxRelay): OutboxRelay {
  started.push(relay);
  relay.start();
  return relay;
}

afterEach(async () => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  // Bounded: a relay whose stop() is broken fails its own test, not every later hook.
  const stops = Promise.all(started.splice(0).map((relay) => relay.stop()));
  await Promise.race([stops, new Promise((resolve) => setTimeout(resolve, 1_000))]);
});

describe('OutboxRelay.drain', () => {
  it('publishes everything due, in order, in batches of batchSize, and says how many', async () => {
    const w = world();
    const events = await w.record(7);
    expect(await w.relay.drain()).toBe(7);
    expect(w.publisher.batches.map((batch) => batch.length)).toEqual([3, 3, 1]);
    expect(w.publisher.batches.flat()).toEqual(events);
    expect(w.outbox.rows.size).toBe(0);
  });

  it('a backlog of whole batches ends with an empty look, without publishing an empty batch', async () => {
    const w = world();
    await w.record(6);
    expect(await w.relay.drain()).toBe(6);
    expect(w.publisher.attempts.map((batch) => batch.length)).toEqual([3, 3]);
    expect(await w.relay.drain()).toBe(0);
    expect(w.publisher.attempts).toHaveLength(2);
  });

  it('leaves what is not due yet', async () => {
    const w = world();
    const due = await w.record(2);
    const later = await w.record(2, new Date(w.clock.now().getTime() + 5_000));
    expect(await w.relay.drain()).toBe(2);
    expect(w.publisher.published).toEqual(w.idsOf(due));
    expect(w.outbox.events()).toEqual(later);
  });

  it('batches of 200 by default', async () => {
    const w = world({ batchSize: undefined });
    const relay = new OutboxRelay({ queue: w.outbox, publisher: w.publisher, jobQueue: w.jobQueue });
    await w.record(401);
    expect(await relay.drain()).toBe(401);
    expect(w.publisher.batches.map((batch) => batch.length)).toEqual([200, 200, 1]);
  });

  it('a failed publish rejects the drain and keeps the events, their attempt counted and backed off by retryDelayMs', async () => {
    const w = world();
    const events = await w.record(2);
    w.publisher.failure = new Error('nats is not connected yet');
    await expect(w.relay.drain()).rejects.toBe(w.publisher.failure);
    expect(w.outbox.events()).toEqual(events);
    const now = w.clock.now().getTime();
    for (const row of w.outbox.rows.values()) {
      expect(row.attempts).toBe(1);
      // retryDelayMs(1): a ceiling of 200 ms, jittered within [100, 200].
      expect(row.availableAt - now).toBeGreaterThanOrEqual(100);
      expect(row.availableAt - now).toBeLessThanOrEqual(200);
    }
  });
});

describe('OutboxRelay.drain with job messages', () => {
  it('hands every job message to the job queue, headers included, in batches, and counts them with the events', async () => {
    const w = world();
    const events = await w.record(2);
    const jobs = await w.recordJobs(4);
    expect(await w.relay.drain()).toBe(6);
    expect(w.jobQueue.messages).toEqual(jobs);
    expect(w.jobQueue.messages[0]?.headers).toEqual({ traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' });
    expect(w.publisher.published).toEqual(w.idsOf(events));
    expect(w.outbox.jobRows.size).toBe(0);
  });

  it('a job queue that refuses keeps the messages (backed off) and rejects the drain, but the events still go', async () => {
    const w = world();
    const events = await w.record(2);
    const jobs = await w.recordJobs(2);
    w.jobQueue.failure = new Error('The job queue is unavailable; try again shortly');
    await expect(w.relay.drain()).rejects.toBe(w.jobQueue.failure);
    expect(w.publisher.published).toEqual(w.idsOf(events));
    expect([...w.outbox.jobRows.values()].map((row) => [row.job, row.attempts])).toEqual(jobs.map((job) => [job, 1]));
    w.jobQueue.failure = undefined;
    w.clock.advance(1_000);
    expect(await w.relay.drain()).toBe(2);
    expect(w.jobQueue.messages).toEqual(jobs);
  });

  it('an event publisher that fails does not hold the job messages back', async () => {
    const w = world();
    await w.record(1);
    const jobs = await w.recordJobs(1);
    w.publisher.failure = new Error('nats is not connected yet');
    await expect(w.relay.drain()).rejects.toBe(w.publisher.failure);
    expect(w.jobQueue.messages).toEqual(jobs);
  });
});

describe('OutboxRelay loop', () => {
  it('a nudge publishes at once, without waiting for the poll interval', async () => {
    const w = world();
    start(w.relay);
    await until(() => w.sleeper.pending === 1, 'the relay waiting for its poll interval');
    expect(w.sleeper.calls[0]?.ms).toBe(60_000);

    const events = await w.record(2);
    await settle();
    expect(w.publisher.published).toEqual([]); // committed, but nobody said so

    w.relay.nudge();
    await until(() => w.publisher.published.length === 2, 'the nudged events published');
    expect(w.publisher.published).toEqual(w.idsOf(events));
    expect(w.outbox.rows.size).toBe(0);
    // The first poll interval was cut short by the nudge, not elapsed; the relay waits again.
    await until(() => w.sleeper.calls.length === 2, 'the relay waiting again');
    expect(w.sleeper.calls[0]?.done).toBe(false);
  });

  it('without a nudge, what another process committed is published when the poll interval has passed', async () => {
    const w = world();
    start(w.relay);
    await until(() => w.sleeper.pending === 1, 'the relay waiting');
    const events = await w.record(4);
    await settle();
    expect(w.publisher.published).toEqual([]);
    await w.sleeper.elapse();
    await until(() => w.publisher.published.length === 4, 'the polled events published');
    expect(w.publisher.published).toEqual(w.idsOf(events));
    expect(w.publisher.batches.map((batch) => batch.length)).toEqual([3, 1]);
  });

  it('publishes what is there when it starts, and a nudge before the start is harmless', async () => {
    const w = world();
    const events = await w.record(5);
    w.relay.nudge();
    start(w.relay);
    await until(() => w.publisher.published.length === 5, 'the backlog published');
    expect(w.publisher.published).toEqual(w.idsOf(events));
  });

  it('a nudge that arrives while a batch is in flight is not lost', async () => {
    const w = world();
    const first = await w.record(1);
    w.publisher.hold = deferred();
    start(w.relay);
    await until(() => w.publisher.attempts.length === 1, 'the first batch in flight');

    const second = await w.record(1);
    w.relay.nudge();
    const hold = w.publisher.hold;
    w.publisher.hold = undefined;
    hold.resolve();
    await until(() => w.publisher.published.length === 2, 'the event committed during the batch published');
    expect(w.publisher.published).toEqual(w.idsOf([...first, ...second]));
    expect(w.sleeper.calls.every((call) => !call.done || call.ms === 60_000)).toBe(true);
  });

  it('on a failing publisher: onError is told, the events stay, and are published once it recovers and their retry delay has passed', async () => {
    const w = world();
    const events = await w.record(2);
    const outage = new Error('broker unreachable');
    w.publisher.failure = outage;
    start(w.relay);
    await until(() => w.errors.length === 1, 'onError told of the failure');
    expect(w.errors).toEqual([outage]);
    expect(w.outbox.events()).toEqual(events);
    expect([...w.outbox.rows.values()].map((row) => row.attempts)).toEqual([1, 1]);
    await until(() => w.sleeper.pending === 1, 'the relay waiting, still alive');

    // The broker is back, but the events wait out their backoff (at least 100 ms after one failure).
    w.publisher.failure = undefined;
    w.clock.advance(99);
    w.relay.nudge();
    await until(() => w.sleeper.calls.length === 2, 'the relay waiting again');
    expect(w.publisher.published).toEqual([]);
    expect(w.publisher.attempts).toHaveLength(1);

    // At most 200 ms: due, and published at the next look.
    w.clock.advance(101);
    await w.sleeper.elapse();
    await until(() => w.publisher.published.length === 2, 'the events published after the outage');
    expect(w.publisher.published).toEqual(w.idsOf(events));
    expect(w.outbox.rows.size).toBe(0);
    expect(w.errors).toHaveLength(1);
  });

  it('a failure with no onError does not end the loop', async () => {
    const w = world({ onError: undefined });
    await w.record(1);
    w.publisher.failure = new Error('down');
    start(w.relay);
    await until(() => w.sleeper.pending === 1, 'the relay waiting after the failure');
    w.publisher.failure = undefined;
    w.clock.advance(30_000);
    await w.sleeper.elapse();
    await until(() => w.publisher.published.length === 1, 'published after the failure');
  });

  it('stop() waits for the batch in flight, which is published and removed, and then the loop ends', async () => {
    const w = world();
    const inFlight = await w.record(2);
    w.publisher.hold = deferred();
    start(w.relay);
    await until(() => w.publisher.attempts.length === 1, 'a batch in flight');

    let stopped = false;
    const stopping = w.relay.stop().then(() => {
      stopped = true;
    });
    await settle();
    expect(stopped).toBe(false);

    const hold = w.publisher.hold;
    w.publisher.hold = undefined;
    hold.resolve();
    await stopping;
    expect(w.publisher.published).toEqual(w.idsOf(inFlight));
    expect(w.outbox.rows.size).toBe(0);

    // The loop is over: a later commit and nudge publish nothing, and it never waits again.
    const sleeps = w.sleeper.calls.length;
    await w.record(1);
    w.relay.nudge();
    await w.sleeper.elapse();
    expect(w.publisher.attempts).toHaveLength(1);
    expect(w.sleeper.calls.length).toBe(sleeps);
    expect(w.outbox.rows.size).toBe(1);
  });

  it('stop() does not wait for a backlog: the batch in flight finishes, the rest stays in the outbox', async () => {
    const w = world();
    const events = await w.record(9); // three batches of 3
    w.publisher.hold = deferred();
    start(w.relay);
    await until(() => w.publisher.attempts.length === 1, 'the first batch in flight');

    // OutboxRelay.stop() promises "stops after the batch in flight": drain() must not take another
    // batch once stopping, or a shutdown waits for (and a slow broker holds it through) a backlog.
    const stopping = w.relay.stop();
    w.publisher.hold.resolve();
    let stopped = false;
    void stopping.then(() => {
      stopped = true;
    });
    await settle(50);
    expect(stopped).toBe(true);
    expect(w.publisher.published).toEqual(w.idsOf(events.slice(0, 3)));
    expect(w.outbox.events()).toEqual(events.slice(3));
  });

  it('stop() while the relay waits ends it at once, even with a sleep that ignores the abort signal', async () => {
    const w = world();
    w.sleeper.ignoreAbort = true;
    start(w.relay);
    await until(() => w.sleeper.pending === 1, 'the relay waiting');
    let stopped = false;
    void w.relay.stop().then(() => {
      stopped = true;
    });
    await until(() => stopped, 'stop() resolved');
    expect(w.sleeper.calls).toHaveLength(1);
  });

  it('stop() before start() resolves; start() after stop() publishes nothing', async () => {
    const w = world();
    await w.relay.stop();
    await w.record(1);
    w.relay.start();
    w.relay.nudge();
    await settle();
    expect(w.publisher.attempts).toEqual([]);
  });

  it('feeds the in-process bus: subscribers receive each committed event once, in order', async () => {
    const w = world();
    const bus = new InProcessEventBus();
    const received: DomainEvent[] = [];
    await bus.subscribe({
      name: 'recorder',
      types: ['user.created', 'user.updated', 'user.deleted', 'post.created', 'post.updated', 'post.deleted'],
      handle: async (event) => {
        received.push(event);
      },
    });
    const relay = start(new OutboxRelay({ queue: w.outbox, publisher: bus, jobQueue: w.jobQueue, batchSize: 2, sleep: w.sleeper.sleep, pollIntervalMs: 60_000 }));
    const events = await w.record(5);
    relay.nudge();
    await until(() => w.outbox.rows.size === 0, 'the outbox emptied');
    await bus.idle();
    expect(received).toEqual(events);
  });

  it('uses setTimeout for the poll interval by default, and stop() ends that wait', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const w = world();
    const relay = start(new OutboxRelay({ queue: w.outbox, publisher: w.publisher, jobQueue: w.jobQueue, pollIntervalMs: 5_000 }));
    await settle();
    const events = await w.record(1);
    vi.advanceTimersByTime(4_999);
    await settle();
    expect(w.publisher.published).toEqual([]);
    vi.advanceTimersByTime(1);
    await until(() => w.publisher.published.length === 1, 'published at the poll interval');
    expect(w.publisher.published).toEqual(w.idsOf(events));
    await relay.stop();
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('retryDelayMs', () => {
  const ceilings: [attempts: number, ceiling: number][] = [
    [1, 200],
    [2, 400],
    [3, 800],
    [4, 1_600],
    [5, 3_200],
    [6, 6_400],
    [7, 12_800],
    [8, 25_600],
    [9, 30_000],
    [10, 30_000],
    [50, 30_000],
    [1_000_000, 30_000],
  ];

  it.each(ceilings)('after %i failed attempts: between half the ceiling (%i ms) and all of it', (attempts, ceiling) => {
    expect(retryDelayMs(attempts, () => 0)).toBe(ceiling / 2);
    expect(retryDelayMs(attempts, () => 0.5)).toBe((ceiling * 3) / 4);
    expect(retryDelayMs(attempts, () => 0.999999999)).toBe(ceiling);
  });

  it('grows with the attempts until it is capped at 30 s, and never exceeds it', () => {
    let previous = 0;
    for (let attempts = 1; attempts <= 64; attempts++) {
      const top = retryDelayMs(attempts, () => 0.999999999);
      expect(top).toBeGreaterThanOrEqual(previous);
      if (top < 30_000) expect(top).toBeGreaterThan(previous);
      expect(top).toBeLessThanOrEqual(30_000);
      expect(Number.isFinite(top)).toBe(true);
      previous = top;
    }
    expect(previous).toBe(30_000);
  });

  it('is jittered with Math.random by default, always within [ceiling/2, ceiling]', () => {
    const samples = Array.from({ length: 500 }, () => retryDelayMs(3));
    for (const delay of samples) {
      expect(delay).toBeGreaterThanOrEqual(400);
      expect(delay).toBeLessThanOrEqual(800);
      expect(Number.isInteger(delay)).toBe(true);
    }
    expect(new Set(samples).size).toBeGreaterThan(50);
    expect(Math.min(...samples)).toBeLessThan(500);
    expect(Math.max(...samples)).toBeGreaterThan(700);

    const random = vi.spyOn(Math, 'random').mockReturnValue(0);
    expect(retryDelayMs(20)).toBe(15_000);
    expect(random).toHaveBeenCalled();
  });
});
