import { RateLimitedError } from '../../domain/errors.ts';
import type { Job } from '../../domain/jobs.ts';
import { requirePermission, type Actor } from '../shared/actor.ts';
import type { JobScheduler } from './job-scheduler.ts';
import { USERS_EXPORT, USERS_EXPORT_MAX_ATTEMPTS } from './handlers/users-export.ts';
import { checkedSearch } from '../shared/paging.ts';
import type { UnitOfWork } from '../ports/unit-of-work.ts';
import type { RecordAnswer } from '../shared/idempotent-creation.ts';
import type { UserFilters } from '../ports/user-list-query.ts';

/**
 * Exports one user may have queued or running at once. Each builds a CSV in memory and keeps it:
 * without a cap, one client could fill a worker's memory and the database's disk.
 */
export const MAX_EXPORTS_IN_PROGRESS = 3;

/**
 * POST /api/users/exports: queues a CSV export of the users matching the filters, owned by the
 * caller. The CSV holds every user in full, so it needs `users:export` (admins), not `users:read`.
 */
export class StartUsersExport {
  readonly #uow: UnitOfWork;
  readonly #scheduler: JobScheduler;

  constructor(deps: { uow: UnitOfWork; scheduler: JobScheduler }) {
    this.#uow = deps.uow;
    this.#scheduler = deps.scheduler;
  }

  /** `recordAnswer`: an Idempotency-Key's, kept in the create's transaction (IdempotentCreation). */
  async execute(filters: UserFilters, actor: Actor, recordAnswer?: RecordAnswer<Job>): Promise<Job> {
    requirePermission(actor, 'users:export');
    const data: Record<string, string> = {};
    if (filters.status) data.status = filters.status;
    if (filters.role) data.role = filters.role;
    const search = checkedSearch(filters.search);
    if (search !== undefined) data.search = search;
    return this.#uow.transaction(async (repos) => {
      // Counted under a lock per owner (see countUnfinished): concurrent requests cannot all slip under the cap.
      if (actor.userId !== null && (await repos.jobs.countUnfinished(actor.userId, USERS_EXPORT)) >= MAX_EXPORTS_IN_PROGRESS) {
        throw new RateLimitedError(5, `At most ${MAX_EXPORTS_IN_PROGRESS} exports may be queued or running at once; try again when one has finished`);
      }
      const job = await this.#scheduler.schedule(repos, { type: USERS_EXPORT, data, ownerId: actor.userId, maxAttempts: USERS_EXPORT_MAX_ATTEMPTS });
      await recordAnswer?.(repos, job);
      return job;
    });
  }
}
