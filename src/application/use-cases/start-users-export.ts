import type { Job } from '../../domain/jobs.ts';
import { requirePermission, type Actor } from '../actor.ts';
import type { JobScheduler } from '../job-scheduler.ts';
import { USERS_EXPORT, USERS_EXPORT_MAX_ATTEMPTS } from '../jobs/users-export.ts';
import { checkedSearch } from '../listing.ts';
import type { UnitOfWork } from '../ports/unit-of-work.ts';
import type { UserFilters } from '../user-list.ts';

/** POST /api/users/exports: queues a CSV export of the users matching the filters, owned by the caller. */
export class StartUsersExport {
  readonly #uow: UnitOfWork;
  readonly #scheduler: JobScheduler;

  constructor(deps: { uow: UnitOfWork; scheduler: JobScheduler }) {
    this.#uow = deps.uow;
    this.#scheduler = deps.scheduler;
  }

  async execute(filters: UserFilters, actor: Actor): Promise<Job> {
    requirePermission(actor, 'users:read');
    const data: Record<string, string> = {};
    if (filters.status) data.status = filters.status;
    if (filters.role) data.role = filters.role;
    const search = checkedSearch(filters.search);
    if (search !== undefined) data.search = search;
    return this.#uow.transaction((repos) => this.#scheduler.schedule(repos, { type: USERS_EXPORT, data, ownerId: actor.userId, maxAttempts: USERS_EXPORT_MAX_ATTEMPTS }));
  }
}
