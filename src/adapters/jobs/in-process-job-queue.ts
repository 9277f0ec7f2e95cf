import { DUPLICATE_WINDOW_MS, HANDLER_FAILURE_RETRY_MS, type JobDelivery, type JobMessage, type JobQueue, type JobVerdict, type JobWorker } from '../../application/ports/job-queue.ts';

type Pending = { message: JobMessage; deliveries: number };
type Worker = {
  handle(delivery: JobDelivery): Promise<JobVerdict>;
  concurrency: number;
  active: number;
  stopped: boolean;
  inFlight: Set<Promise<void>>;
};


/**
 * The job queue of the embedded default: messages in memory, delivered in order to whichever worker
 * has a free slot, redelivered after a retry verdict's delay or a throw, and deduplicated by id for
 * as long as JetStream would. What it holds dies with the process; the jobs table does not, so the
 * service re-enqueues unfinished jobs when it starts (JobRunner rules out running one twice at once).
 */
export class InProcessJobQueue implements JobQueue {
  readonly #ready: Pending[] = [];
  readonly #delayed = new Set<ReturnType<typeof setTimeout>>();
  readonly #seen = new Map<string, number>();
  readonly #workers: Worker[] = [];
  readonly #now: () => number;

  constructor(options: { now?: () => number } = {}) {
    this.#now = options.now ?? Date.now;
  }

  async enqueue(message: JobMessage): Promise<void> {
    const now = this.#now();
    for (const [id, at] of this.#seen) {
      if (now - at < DUPLICATE_WINDOW_MS) break; // insertion order is time order
      this.#seen.delete(id);
    }
    if (this.#seen.has(message.id)) return;
    this.#seen.set(message.id, now);
    this.#ready.push({ message: { id: message.id, type: message.type, ...(message.headers ? { headers: { ...message.headers } } : {}) }, deliveries: 0 });
    this.#pump();
  }

  async work(handle: (delivery: JobDelivery) => Promise<JobVerdict>, options: { concurrency: number }): Promise<JobWorker> {
    const worker: Worker = { handle, concurrency: Math.max(1, options.concurrency), active: 0, stopped: false, inFlight: new Set() };
    this.#workers.push(worker);
    this.#pump();
    return {
      stop: async () => {
        worker.stopped = true;
        const index = this.#workers.indexOf(worker);
        if (index >= 0) this.#workers.splice(index, 1);
        await Promise.all(worker.inFlight);
      },
    };
  }

  /** Messages not yet acknowledged: waiting, delayed or in hand (for tests and shutdown logs). */
  get size(): number {
    return this.#ready.length + this.#delayed.size + this.#workers.reduce((sum, worker) => sum + worker.active, 0);
  }

  /** Drops the retry timers (at shutdown: the jobs table keeps what they would have redelivered). */
  close(): void {
    for (const timer of this.#delayed) clearTimeout(timer);
    this.#delayed.clear();
  }

  #pump(): void {
    for (const worker of this.#workers) {
      while (!worker.stopped && worker.active < worker.concurrency && this.#ready.length > 0) this.#deliver(worker, this.#ready.shift()!);
    }
  }

  #deliver(worker: Worker, pending: Pending): void {
    pending.deliveries++;
    worker.active++;
    const run = (async () => {
      let verdict: JobVerdict;
      try {
        verdict = await worker.handle({ ...pending.message, deliveries: pending.deliveries });
      } catch {
        verdict = { retryInMs: HANDLER_FAILURE_RETRY_MS };
      }
      if (verdict !== 'done') this.#later(pending, verdict.retryInMs);
    })().finally(() => {
      worker.active--;
      worker.inFlight.delete(run);
      this.#pump();
    });
    worker.inFlight.add(run);
  }

  #later(pending: Pending, delayMs: number): void {
    const timer = setTimeout(() => {
      this.#delayed.delete(timer);
      this.#ready.push(pending);
      this.#pump();
    }, Math.max(0, delayMs));
    timer.unref?.();
    this.#delayed.add(timer);
  }
}
