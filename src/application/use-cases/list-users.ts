import { ValidationError } from '../../domain/errors.ts';
import { hasUnsafeCharacters } from '../../domain/text.ts';
import type { User, UserId, UserRole, UserStatus } from '../../domain/user.ts';
import { requirePermission, type Actor } from '../actor.ts';
import type { CursorCodec } from '../ports/cursor-codec.ts';
import type { UnitOfWork } from '../ports/unit-of-work.ts';
import {
  DEFAULT_USER_SORT,
  isDateField,
  parseUserSort,
  type KeysetPosition,
  type SortKey,
  type UserFilters,
} from '../user-list.ts';

export type ListUsersInput = {
  page?: number;
  limit: number;
  cursor?: string;
  status?: UserStatus;
  role?: UserRole;
  search?: string;
  sort?: string;
};

export type OffsetPagination = { page: number; limit: number; total: number; totalPages: number; nextCursor: string | null };
export type CursorPagination = { limit: number; nextCursor: string | null };
export type UserListResult = { items: User[]; pagination: OffsetPagination | CursorPagination };

/** What a cursor carries: the position, and the listing it belongs to (so reuse elsewhere is a 400). */
type CursorPayload = { l: string; v: string[]; id: string };

const BAD_CURSOR = 'Cursor is malformed, tampered with, or belongs to other filters or sort';

export class ListUsers {
  readonly #uow: UnitOfWork;
  readonly #cursors: CursorCodec;

  constructor(deps: { uow: UnitOfWork; cursors: CursorCodec }) {
    this.#uow = deps.uow;
    this.#cursors = deps.cursors;
  }

  async execute(input: ListUsersInput, actor: Actor): Promise<UserListResult> {
    requirePermission(actor, 'users:read');
    if (input.cursor !== undefined && input.page !== undefined) {
      throw new ValidationError({ page: 'Page cannot be combined with cursor' });
    }
    if (input.search !== undefined && hasUnsafeCharacters(input.search)) {
      throw new ValidationError({ search: 'Search must not contain control characters or invalid Unicode' });
    }
    const sort = parseUserSort(input.sort ?? DEFAULT_USER_SORT);
    const search = input.search?.trim() || undefined;
    const filters: UserFilters = { status: input.status, role: input.role, search };
    const listing = listingKey(filters, sort);
    const { limit } = input;

    if (input.cursor !== undefined) {
      const after = this.#decode(input.cursor, listing, sort);
      const { items } = await this.#uow.read((repos) =>
        repos.users.list({ ...filters, sort, limit: limit + 1, after }),
      );
      const pageItems = items.slice(0, limit);
      const more = items.length > limit;
      return { items: pageItems, pagination: { limit, nextCursor: more ? this.#encode(pageItems, sort, listing) : null } };
    }

    const page = input.page ?? 1;
    const offset = (page - 1) * limit;
    const { items, total = 0 } = await this.#uow.read((repos) =>
      repos.users.list({ ...filters, sort, limit, offset }),
    );
    const more = offset + items.length < total && items.length > 0;
    return {
      items,
      pagination: {
        page,
        limit,
        total,
        totalPages: Math.ceil(total / limit),
        nextCursor: more ? this.#encode(items, sort, listing) : null,
      },
    };
  }

  #encode(items: User[], sort: readonly SortKey[], listing: string): string {
    const last = items[items.length - 1] as User;
    const values = sort.map(({ field }) => {
      const value = last[field];
      return value instanceof Date ? value.toISOString() : value;
    });
    return this.#cursors.encode({ l: listing, v: values, id: last.id } satisfies CursorPayload);
  }

  #decode(cursor: string, listing: string, sort: readonly SortKey[]): KeysetPosition {
    const payload = this.#cursors.decode(cursor);
    if (!isCursorPayload(payload) || payload.l !== listing || payload.v.length !== sort.length) {
      throw new ValidationError({ cursor: BAD_CURSOR }, BAD_CURSOR);
    }
    const values = sort.map(({ field }, i) => {
      const raw = payload.v[i] as string;
      if (!isDateField(field)) return raw;
      const date = new Date(raw);
      if (Number.isNaN(date.getTime())) throw new ValidationError({ cursor: BAD_CURSOR }, BAD_CURSOR);
      return date;
    });
    return { values, id: payload.id as UserId };
  }
}

/** Identifies a listing (filters + sort) so a cursor cannot be replayed against another one. */
function listingKey(filters: UserFilters, sort: readonly SortKey[]): string {
  return JSON.stringify([filters.status ?? null, filters.role ?? null, filters.search ?? null, sort.map((k) => `${k.direction === 'desc' ? '-' : ''}${k.field}`)]);
}

function isCursorPayload(value: unknown): value is CursorPayload {
  if (typeof value !== 'object' || value === null) return false;
  const { l, v, id } = value as Record<string, unknown>;
  return (
    typeof l === 'string' &&
    typeof id === 'string' &&
    /^[0-9a-f-]{36}$/.test(id) &&
    Array.isArray(v) &&
    v.every((item) => typeof item === 'string')
  );
}
