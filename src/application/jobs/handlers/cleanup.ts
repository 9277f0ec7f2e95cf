import type { JobHandler } from '../job-runner.ts';
import type { Clock } from '../../ports/clock.ts';
import type { UnitOfWork } from '../../ports/unit-of-work.ts';

export const CLEANUP = 'maintenance.cleanup';

const DAY_MS = 24 * 60 * 60 * 1000;

/** How long each kind of row is kept once it is of no more use. */
export type Retention = Readonly<{
  succeededJobsMs: number;
  /** The dead letters: kept longer, for someone to look at. */
  failedJobsMs: number;
  /** Longer than any redelivery (minutes) by far: an event redelivered after its record went would act twice. */
  processedEventsMs: number;
  /**
   * Past a refresh token's expiry: at least the access-token TTL, since a revoked session with no
   * rows left reads as not revoked, and its last access token may live that long.
   */
  expiredRefreshTokensMs: number;
}>;

export function defaultRetention(accessTtlSeconds: number): Retention {
  return { succeededJobsMs: 7 * DAY_MS, failedJobsMs: 30 * DAY_MS, processedEventsMs: 7 * DAY_MS, expiredRefreshTokensMs: Math.max(accessTtlSeconds * 1000, DAY_MS) };
}

/**
 * Deletes what has outlived its use: finished jobs (and their results), processed event ids, expired
 * refresh tokens, expired password-reset tokens (at once: used or not, they can do nothing more), expired idempotency keys. In batches of `batch` rows, each its own statement (short locks, no long
 * transaction), until a batch comes back short; `signal` stops it between batches.
 */
export function cleanup(deps: { uow: UnitOfWork; clock: Clock; retention: Retention; batch?: number }): JobHandler {
  const batch = deps.batch ?? 5_000;
  return async (_job, { signal }) => {
    const now = deps.clock.now().getTime();
    const { retention, uow } = deps;
    const until = async (remove: () => Promise<number>) => {
      while (!signal.aborted && (await remove()) === batch);
    };
    await until(() => uow.read((repos) => repos.jobs.deleteFinishedBefore('succeeded', new Date(now - retention.succeededJobsMs), batch)));
    await until(() => uow.read((repos) => repos.jobs.deleteFinishedBefore('failed', new Date(now - retention.failedJobsMs), batch)));
    await until(() => uow.read((repos) => repos.processedEvents.deleteRecordedBefore(new Date(now - retention.processedEventsMs), batch)));
    await until(() => uow.read((repos) => repos.refreshTokens.deleteExpiredBefore(new Date(now - retention.expiredRefreshTokensMs), batch)));
    await until(() => uow.read((repos) => repos.passwordResetTokens.deleteExpiredBefore(new Date(now), batch)));
    // Idempotency keys carry their own expiry (24 hours after the claim, API.md).
    await until(() => uow.read((repos) => repos.idempotency.deleteExpiredBefore(new Date(now), batch)));
    signal.throwIfAborted(); // cut short by a shutdown: released, not recorded as done
  };
}
