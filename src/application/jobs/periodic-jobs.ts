import type { JobScheduler } from './job-scheduler.ts';
import type { Clock } from '../ports/clock.ts';
import type { UnitOfWork } from '../ports/unit-of-work.ts';

export type PeriodicJob = Readonly<{ type: string; everyMs: number; maxAttempts: number }>;

/**
 * The id of a periodic job's run for the window starting at `windowStartMs`: a UUIDv7 whose time is
 * the window's and whose other bits come from the type, so every instance computes the same one.
 */
export function periodicJobId(type: string, windowStartMs: number): string {
  const time = windowStartMs.toString(16).padStart(12, '0').slice(-12);
  const bits = [1, 2, 3].map((seed) => fnv1a(type, seed).toString(16).padStart(8, '0')).join('');
  const variant = (8 | (parseInt(bits[3]!, 16) & 3)).toString(16);
  return `${time.slice(0, 8)}-${time.slice(8)}-7${bits.slice(0, 3)}-${variant}${bits.slice(4, 7)}-${bits.slice(7, 19)}`;
}

/** 32-bit FNV-1a of the text, from a seeded offset: a stable spread of bits, not a security hash. */
function fnv1a(text: string, seed: number): number {
  let hash = (0x811c9dc5 ^ Math.imul(seed, 0x9e3779b1)) >>> 0;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash;
}

/**
 * Schedules each periodic job once per window, whichever instance asks first: the window's job id
 * is the same everywhere, so the others' inserts find it there and queue nothing. Call `tick` often
 * (every minute); a window whose run was missed entirely (every instance down) is simply skipped.
 */
export class PeriodicJobs {
  readonly #deps: { uow: UnitOfWork; scheduler: JobScheduler; clock: Clock; jobs: readonly PeriodicJob[] };

  constructor(deps: { uow: UnitOfWork; scheduler: JobScheduler; clock: Clock; jobs: readonly PeriodicJob[] }) {
    this.#deps = deps;
  }

  /** Schedules the current window's run of each job not scheduled yet; resolves with how many it scheduled. */
  async tick(): Promise<number> {
    const { uow, scheduler, clock, jobs } = this.#deps;
    let scheduled = 0;
    for (const job of jobs) {
      const now = clock.now().getTime();
      const id = periodicJobId(job.type, now - (now % job.everyMs));
      const queued = await uow.transaction((repos) => scheduler.scheduleOnce(repos, { type: job.type, data: {}, ownerId: null, maxAttempts: job.maxAttempts }, id));
      if (queued) scheduled++;
    }
    return scheduled;
  }
}
