import { Counter, Gauge, type Registry } from 'prom-client';
import type { CacheOutcome } from '../../application/shared/cache-aside.ts';

export type ServiceMetrics = {
  cacheLookup(keyspace: string, outcome: CacheOutcome): void;
  rateLimitRejected(policy: string): void;
  jobOutcome(type: string, outcome: 'succeeded' | 'retried' | 'failed'): void;
};

/**
 * The series other adapters feed, on the registry /metrics serves: cache hits and misses by
 * keyspace (`user`, `session`; the hit ratio is hits / (hits + misses)), and rate-limit
 * rejections by policy (`default`, `login-address`, `login-failures`, `login-email-failures`,
 * `register-address`). Labels are few and fixed.
 */
export type ObservedState = {
  /** Events waiting in the outbox and the age of the oldest: read at each scrape. */
  outboxLag?(): Promise<Readonly<{ pending: number; oldestAgeMs: number }>>;
};

const LAG_UNKNOWN = { pending: undefined, oldestAgeMs: undefined };

export function serviceMetrics(registry: Registry, observed: ObservedState = {}): ServiceMetrics {
  // The database may be down: the scrape still answers, these two gauges keep their last value.
  const { outboxLag: readLag } = observed;
  const outboxLag = readLag && (() => readLag().catch(() => LAG_UNKNOWN));
  if (outboxLag) {
    new Gauge({
      name: 'outbox_pending_events',
      help: 'Events committed but not yet published',
      registers: [registry],
      async collect() {
        const { pending } = await outboxLag();
        if (pending !== undefined) this.set(pending);
      },
    });
    new Gauge({
      name: 'outbox_oldest_event_age_seconds',
      help: 'Age of the oldest event not yet published (0: none waiting): the outbox lag',
      registers: [registry],
      async collect() {
        const { oldestAgeMs } = await outboxLag();
        if (oldestAgeMs !== undefined) this.set(oldestAgeMs / 1000);
      },
    });
  }
  const hits = new Counter({ name: 'cache_hits_total', help: 'Cache lookups answered from the cache', labelNames: ['keyspace'], registers: [registry] });
  const misses = new Counter({
    name: 'cache_misses_total',
    help: 'Cache lookups that went to the database (the cache held nothing, or was unavailable)',
    labelNames: ['keyspace'],
    registers: [registry],
  });
  const rejections = new Counter({
    name: 'rate_limit_rejections_total',
    help: 'Requests refused with 429 by a rate limit',
    labelNames: ['policy'],
    registers: [registry],
  });
  const jobs = new Counter({
    name: 'jobs_total',
    help: 'Job attempts by type and outcome: succeeded, retried (failed, will run again) or failed (out of attempts: a dead letter)',
    labelNames: ['type', 'outcome'],
    registers: [registry],
  });
  // Bound children: labels() hashes its arguments on every call otherwise, and lookups are per request.
  const bound = new Map<string, ReturnType<Counter<'keyspace'>['labels']>>();
  const child = (counter: Counter<'keyspace'>, keyspace: string) => {
    const id = `${counter === hits ? 'hit' : 'miss'}:${keyspace}`;
    let found = bound.get(id);
    if (!found) bound.set(id, (found = counter.labels(keyspace)));
    return found;
  };
  return {
    cacheLookup: (keyspace, outcome) => child(outcome === 'hit' ? hits : misses, keyspace).inc(),
    rateLimitRejected: (policy) => rejections.labels(policy).inc(),
    jobOutcome: (type, outcome) => jobs.labels(type, outcome).inc(),
  };
}
