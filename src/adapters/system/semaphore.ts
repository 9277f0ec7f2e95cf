/** `high` work waiting always starts before `low` work waiting, whatever their arrival. */
export type Priority = 'high' | 'low';

/** The waiting room of that priority was full: the work was not started and never will be. */
export class SemaphoreFullError extends Error {
  readonly priority: Priority;

  constructor(priority: Priority) {
    super(`At capacity: ${priority}-priority work is not taken now`);
    this.name = 'SemaphoreFullError';
    this.priority = priority;
  }
}

export type SemaphoreOptions = {
  /** How many may wait, per priority; beyond that `run` rejects at once. Default: no bound. */
  maxWaiting?: number;
};

/**
 * At most `limit` functions run at once; the rest wait, high priority first, then in arrival order.
 * Used to bound password hashing, which is pure CPU and memory: libuv's 4 threads all hashing on 2
 * cores starved the event loop (measured by `npm run bench`: 6 ms p99 event-loop delay beyond the
 * sampling interval, 13 ms max). One hash per core kept it at 4 ms with the same login throughput;
 * one fewer than the cores cut it to 2 ms but halved the throughput. The waiting room is bounded so
 * that a flood is refused at once instead of queuing without end (and sign-ins jump that queue).
 */
export class Semaphore {
  readonly #limit: number;
  readonly #maxWaiting: number;
  #running = 0;
  readonly #waiting: Record<Priority, (() => void)[]> = { high: [], low: [] };

  constructor(limit: number, options: SemaphoreOptions = {}) {
    this.#limit = limit;
    this.#maxWaiting = options.maxWaiting ?? Number.POSITIVE_INFINITY;
  }

  /** Rejects with SemaphoreFullError, without running `work`, when every slot is busy and the waiting room full. */
  async run<T>(work: () => Promise<T>, priority: Priority = 'high'): Promise<T> {
    if (this.#running >= this.#limit) {
      const queue = this.#waiting[priority];
      if (queue.length >= this.#maxWaiting) throw new SemaphoreFullError(priority);
      await new Promise<void>((resolve) => queue.push(resolve));
    } else this.#running++;
    try {
      return await work();
    } finally {
      const next = this.#waiting.high.shift() ?? this.#waiting.low.shift();
      if (next) next(); // the slot passes straight to the next caller
      else this.#running--;
    }
  }
}
