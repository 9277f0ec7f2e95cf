/**
 * At most `limit` functions run at once; the rest wait in arrival order. Used to bound password
 * hashing, which is pure CPU and memory: libuv's 4 threads all hashing on 2 cores starved the
 * event loop (measured by `npm run bench`: 6 ms p99 event-loop delay beyond the sampling interval,
 * 13 ms max). One hash per core kept it at 4 ms with the same login throughput; one fewer than
 * the cores cut it to 2 ms but halved the throughput.
 */
export class Semaphore {
  readonly #limit: number;
  #running = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(limit: number) {
    this.#limit = limit;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.#running >= this.#limit) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    else this.#running++;
    try {
      return await work();
    } finally {
      const next = this.#waiting.shift();
      if (next) next(); // the slot passes straight to the next caller
      else this.#running--;
    }
  }
}
