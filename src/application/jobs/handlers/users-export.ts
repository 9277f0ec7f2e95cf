import { ValidationError } from '../../../domain/errors.ts';
import { USER_ROLES, USER_STATUSES, type User, type UserRole, type UserStatus } from '../../../domain/user.ts';
import type { JobHandler } from '../job-runner.ts';
import type { UnitOfWork } from '../../ports/unit-of-work.ts';
import type { KeysetPosition, UserFilters } from '../../ports/user-list-query.ts';
import { csvLine } from './csv.ts';

export const USERS_EXPORT = 'users.export';
export const USERS_EXPORT_MAX_ATTEMPTS = 3;
export const USERS_EXPORT_COLUMNS = ['id', 'name', 'email', 'role', 'status', 'createdAt', 'updatedAt'] as const;

const PAGE_SIZE = 1_000;

/**
 * The users matching the filters (as GET /api/users takes them), oldest first, as CSV with a header
 * line. Read in keyset pages, so a large export costs the same per page and holds no long
 * transaction; a user changed during the export appears as one of its pages read it.
 */
export function usersExport(deps: { uow: UnitOfWork }): JobHandler {
  return async (job, { signal }) => {
    const filters = exportFilters(job.data);
    let csv = csvLine(USERS_EXPORT_COLUMNS);
    let after: KeysetPosition | undefined;
    for (;;) {
      signal.throwIfAborted();
      const page = await deps.uow.read((repos) => repos.users.list({ ...filters, sort: [{ field: 'createdAt', direction: 'asc' }], limit: PAGE_SIZE, after }));
      for (const user of page.items) csv += csvLine(row(user));
      const last = page.items.at(-1);
      if (!last || page.items.length < PAGE_SIZE) return csv;
      after = { values: [last.createdAt], id: last.id };
    }
  };
}

function row(user: User): string[] {
  return [user.id, user.name, user.email, user.role, user.status, user.createdAt.toISOString(), user.updatedAt.toISOString()];
}

/** The job's data was validated when it was started; checked again, as anything read back from storage. */
export function exportFilters(data: Readonly<Record<string, unknown>>): UserFilters {
  const { status, role, search } = data;
  if (status !== undefined && !USER_STATUSES.includes(status as UserStatus)) throw new ValidationError({ status: 'Unknown status' });
  if (role !== undefined && !USER_ROLES.includes(role as UserRole)) throw new ValidationError({ role: 'Unknown role' });
  if (search !== undefined && typeof search !== 'string') throw new ValidationError({ search: 'Must be text' });
  return { status: status as UserStatus | undefined, role: role as UserRole | undefined, search: search as string | undefined };
}
