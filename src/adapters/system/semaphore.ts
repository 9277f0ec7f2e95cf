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
  /** Slots that low-priority work never takes, so high-priority work need not wait for it. Default 0. */
  reservedForHigh?: number;
};

/**
 * At most `limit` functions run at once; the rest wait, high priority first, then in arrival order.
 * Used to bound password hashing, which is pure CPU and memory: libuv's 4 threads all hashing on 2
 * cores starved the event loop (measured by `npm run bench`: 6 ms p99 event-loop delay beyond the
 * sampling interval, 13 ms max). One hash per core kept it at 4 ms with the same login throughput;
 * one fewer than the cores cut it to 2 ms but halved the throughput. The waiting room is bounded so
 * that a flood is refused at once instead of queuing without end, and sign-ins jump that queue.
 */
export class Semaphore {
  readonly #limit: number;
  readonly #lowLimit: number;
  readonly #maxWaiting: number;
  #running = 0;
  #runningLow = 0;
  readonly #waiting: Record<Priority, (() => void)[]> = { high: [], low: [] };

  constructor(limit: number, options: SemaphoreOptions = {}) {
    this.#limit = limit;
    this.#lowLimit = Math.max(0, limit - (options.reservedForHigh ?? 0));
    this.#maxWaiting = options.maxWaiting ?? Number.POSITIVE_INFINITY;
  }

  /** Rejects with SemaphoreFullError, without running `work`, when it cannot start and the waiting room is full. */
  async run<T>(work: () => Promise<T>, priority: Priority = 'high'): Promise<T> {
    if (this.#canStart(priority)) this.#take(priority);
    else {
      const queue = this.#waiting[priority];
      if (queue.length >= this.#maxWaiting) throw new SemaphoreFullError(priority);
      await new Promise<void>((resolve) => queue.push(resolve)); // #dispatch takes the slot for it
    }
    try {
      return await work();
    } finally {
      this.#running--;
      if (priority === 'low') this.#runningLow--;
      this.#dispatch();
    }
  }

  #canStart(priority: Priority): boolean {
    return this.#running < this.#limit && (priority === 'high' || this.#runningLow < this.#lowLimit);
  }

  #take(priority: Priority): void {
    this.#running++;
    if (priority === 'low') this.#runningLow++;
  }

  /** Hands free slots to the waiting, high first; synchronous, so no newcomer slips in ahead of them. */
  #dispatch(): void {
    for (;;) {
      const priority = this.#waiting.high.length > 0 && this.#canStart('high') ? 'high' : this.#waiting.low.length > 0 && this.#canStart('low') ? 'low' : undefined;
      if (priority === undefined) return;
      this.#take(priority);
      this.#waiting[priority].shift()?.();
    }
  }
}
