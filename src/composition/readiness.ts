import type { ReadinessReport } from '../adapters/http/app.ts';

type Check = () => Promise<boolean>;

/**
 * What /readyz reports: the database decides (down is a 503); Redis and NATS, when configured, are
 * `degraded` while away, since the service keeps answering without them, and still make it a 503.
 */
export function readinessPolicy(checks: Readonly<{ database: Check; redis?: Check; nats?: Check }>): () => Promise<ReadinessReport> {
  return async () => {
    const [databaseUp, redisUp, natsUp] = await Promise.all([checks.database(), checks.redis ? checks.redis() : true, checks.nats ? checks.nats() : true]);
    const report: ReadinessReport['checks'] = { database: databaseUp ? 'up' : 'down' };
    // Events wait in the outbox while NATS is away: degraded (delayed), not down.
    if (checks.nats) report.nats = natsUp ? 'up' : 'degraded';
    // Down Redis degrades (the cache falls back to PostgreSQL, limits to this process) rather than
    // stops the service; the contract still has /readyz name it with a 503 until it is back.
    if (checks.redis) report.redis = redisUp ? 'up' : 'degraded';
    return { ready: Object.values(report).every((status) => status === 'up'), checks: report };
  };
}
