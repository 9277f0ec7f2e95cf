/**
 * Queuing a job, before and after jobs went through the outbox, in one run: the same transaction
 * (one job row, as a request that starts a job writes) with its queue message either as an outbox
 * row (now: the relay publishes it after the commit) or published to JetStream and awaited inside
 * the transaction (before: a broker round trip held every such transaction open). Alternating
 * rounds, `concurrency` transactions at once, every round printed.
 */
import { queuedJob } from '../src/domain/jobs.ts';
import type { JetStreamJobQueue } from '../src/adapters/jobs/jetstream-job-queue.ts';
import type { MikroOrmUnitOfWork } from '../src/adapters/persistence/mikro-orm/mikro-orm-unit-of-work.ts';
import type { JobScheduler } from '../src/application/jobs/job-scheduler.ts';
import type { UuidV7Ids } from '../src/adapters/system/uuid-v7-ids.ts';
import type { SystemClock } from '../src/adapters/system/system-clock.ts';

type Deps = { uow: MikroOrmUnitOfWork; scheduler: JobScheduler; queue: JetStreamJobQueue; ids: UuidV7Ids; clock: SystemClock };
type Way = 'outbox' | 'broker';
const REQUEST = { type: 'bench.noop', data: {}, ownerId: null, maxAttempts: 3 } as const;

/** One transaction queuing one job, the way named. */
async function queueOne(deps: Deps, way: Way): Promise<void> {
  await deps.uow.transaction(async (repos) => {
    if (way === 'outbox') {
      await deps.scheduler.schedule(repos, REQUEST);
      return;
    }
    const job = queuedJob({ ...REQUEST, id: deps.ids.next(), now: deps.clock.now() });
    await repos.jobs.add(job);
    await deps.queue.enqueue({ id: job.id, type: job.type });
  });
}

/** Transactions per second and their p50 / p99 in ms, `concurrency` at once for `seconds`. */
async function round(deps: Deps, way: Way, seconds: number, concurrency: number): Promise<{ rate: number; p50: number; p99: number }> {
  const times: number[] = [];
  const until = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        const began = performance.now();
        await queueOne(deps, way);
        times.push(performance.now() - began);
      }
    }),
  );
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? Number.NaN;
  return { rate: times.length / ((performance.now() - started) / 1000), p50: at(0.5), p99: at(0.99) };
}

/** Table rows: one per round, then the ratio of the median round. */
export async function jobQueuingRows(deps: Deps, options: { rounds: number; seconds: number; concurrency: number }): Promise<string[]> {
  await round(deps, 'outbox', 1, options.concurrency); // warm-up: JIT, pool
  await round(deps, 'broker', 1, options.concurrency);
  const rows: string[] = [];
  const ratios: number[] = [];
  for (let r = 1; r <= options.rounds; r++) {
    const now = await round(deps, 'outbox', options.seconds, options.concurrency);
    const before = await round(deps, 'broker', options.seconds, options.concurrency);
    ratios.push(now.rate / before.rate);
    rows.push(
      `| queueing one job per transaction, ${options.concurrency} at once, round ${r} | outbox row: ${now.rate.toFixed(0)} tx/s, p50 ${now.p50.toFixed(1)} / p99 ${now.p99.toFixed(1)} ms | ` +
        `JetStream publish inside: ${before.rate.toFixed(0)} tx/s, p50 ${before.p50.toFixed(1)} / p99 ${before.p99.toFixed(1)} ms | **${(now.rate / before.rate).toFixed(2)}x** | |`,
    );
  }
  return rows;
}
