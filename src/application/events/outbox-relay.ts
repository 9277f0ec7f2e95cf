import type { EventPublisher, OutboxQueue, PendingEvent, PendingJob } from '../ports/event-outbox.ts';
import type { JobQueue } from '../ports/job-queue.ts';

export type OutboxRelayOptions = {
  queue: OutboxQueue;
  publisher: EventPublisher;
  /** Where the job messages go; enqueueing one twice is harmless (the queue deduplicates by id). */
  jobQueue: JobQueue;
  /** Events per batch (one transaction, one round of publishing). */
  batchSize?: number;
  /** How often to look when not nudged: commits in other processes are found this late at most. */
  pollIntervalMs?: number;
  /** Told of a failed batch (the events stay in the outbox and are retried). */
  onError?(error: unknown): void;
  /** Waits, for tests; default setTimeout. */
  sleep?(ms: number, signal: AbortSignal): Promise<void>;
};

/** Exponential backoff with full jitter, from 100 ms up to 30 s: a broker outage is not hammered. */
export function retryDelayMs(attempts: number, random: () => number = Math.random): number {
  const ceiling = Math.min(30_000, 100 * 2 ** Math.min(attempts, 20));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * Moves committed events from the outbox to the publisher, and job messages to the job queue
 * (each kind in batches of its own, so a queue outage does not hold the events back, nor the reverse):
 * batch after batch while there are
 * some, then waits for a nudge (this process committed events) or the poll interval (another
 * process did). A failed batch stays in the outbox, due again after its backoff; the loop goes on
 * with whatever else is due. Several relays (instances) may run at once: the queue gives each
 * batch to one of them. Nothing is published that did not commit: only committed rows are seen.
 */
export class OutboxRelay {
  readonly #options: Required<Omit<OutboxRelayOptions, 'onError'>> & Pick<OutboxRelayOptions, 'onError'>;
  #wake: (() => void) | undefined;
  #nudged = false;
  #running: Promise<void> | undefined;
  readonly #stop = new AbortController();

  constructor(options: OutboxRelayOptions) {
    this.#options = { batchSize: 200, pollIntervalMs: 500, sleep: abortableSleep, ...options };
  }

  /** Starts the loop (once). */
  start(): void {
    this.#running ??= this.#loop();
  }

  /** A commit with events just happened here: look now rather than at the next poll. */
  nudge(): void {
    this.#nudged = true;
    this.#wake?.();
  }

  /**
   * Publishes what is due until nothing more is (or `signal` aborts, between batches); for tests and
   * the loop. A failed batch of one kind is rethrown after the other kind had its turn.
   */
  async drain(signal?: AbortSignal): Promise<number> {
    const { queue, batchSize } = this.#options;
    const kinds = [
      () => queue.publishBatch(batchSize, (pending) => this.#publish(pending), retryDelayMs),
      () => queue.publishJobBatch(batchSize, (pending) => this.#enqueue(pending), retryDelayMs),
    ];
    let total = 0;
    let failure: { error: unknown } | undefined;
    for (const batch of kinds) {
      while (!signal?.aborted) {
        let published: number;
        try {
          published = await batch();
        } catch (error) {
          failure ??= { error };
          break;
        }
        total += published;
        if (published < batchSize) break;
      }
    }
    if (failure) throw failure.error;
    return total;
  }

  /** Stops after the batch in flight (whose events are published and removed, or stay for later). */
  async stop(): Promise<void> {
    this.#stop.abort();
    this.#wake?.();
    await this.#running;
  }

  async #loop(): Promise<void> {
    const signal = this.#stop.signal;
    while (!signal.aborted) {
      this.#nudged = false;
      try {
        await this.drain(signal);
      } catch (error) {
        try {
          this.#options.onError?.(error);
        } catch {
          // a failing reporter must not stop the relay
        }
      }
      if (signal.aborted || this.#nudged) continue;
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
        if (this.#nudged) resolve(); // nudged between the drain and now
        this.#options.sleep(this.#options.pollIntervalMs, signal).then(resolve, resolve);
      });
      this.#wake = undefined;
    }
  }

  #publish(pending: readonly PendingEvent[]): Promise<void> {
    return this.#options.publisher.publish(pending.map(({ event }) => event));
  }

  async #enqueue(pending: readonly PendingJob[]): Promise<void> {
    await Promise.all(pending.map(({ job }) => this.#options.jobQueue.enqueue(job)));
  }
}

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
