/** setImmediate where the runtime has it, else a zero timeout (web-standard: Deno, edge runtimes). */
const defer: (run: () => void) => void =
  typeof (globalThis as { setImmediate?: unknown }).setImmediate === 'function'
    ? (run) => (globalThis as unknown as { setImmediate(run: () => void): void }).setImmediate(run)
    : (run) => void setTimeout(run, 0);

/**
 * Gathers the calls made during one turn of the event loop into one round of work: each `add`
 * returns the answer for its own item, and `run` receives them all at once. Used to send every
 * cache lookup (and every rate-limit hit) of the requests being handled together as one Lua
 * script call instead of one call each: under load that is what saves Redis and the client the
 * per-command cost, which is most of what a cache hit costs.
 *
 * Also used to claim and finish jobs in one statement per batch (job-runner.ts): one commit for
 * many jobs instead of one each.
 *
 * Flushed on `setImmediate` where the runtime has it (after the current I/O callbacks, so requests
 * that arrived together share a batch), else on a zero timeout, or as soon as `maxBatch` items wait.
 * A failed run rejects every item of it.
 */
export class Batcher<I, O> {
  readonly #run: (items: readonly I[]) => Promise<readonly O[]>;
  readonly #maxBatch: number;
  #waiting: { item: I; resolve: (value: O) => void; reject: (error: unknown) => void }[] = [];
  #scheduled = false;

  constructor(run: (items: readonly I[]) => Promise<readonly O[]>, maxBatch = 128) {
    this.#run = run;
    this.#maxBatch = maxBatch;
  }

  add(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.#waiting.push({ item, resolve, reject });
      if (this.#waiting.length >= this.#maxBatch) this.#flush();
      else if (!this.#scheduled) {
        this.#scheduled = true;
        defer(() => this.#flush());
      }
    });
  }

  #flush(): void {
    this.#scheduled = false;
    const batch = this.#waiting;
    if (batch.length === 0) return;
    this.#waiting = [];
    this.#run(batch.map((entry) => entry.item)).then(
      (results) => {
        if (results.length !== batch.length) throw new Error(`batch of ${batch.length} answered with ${results.length} results`);
        batch.forEach((entry, i) => entry.resolve(results[i] as O));
      },
      (error: unknown) => batch.forEach((entry) => entry.reject(error)),
    ).catch((error: unknown) => batch.forEach((entry) => entry.reject(error)));
  }
}
