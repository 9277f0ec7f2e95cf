import type { UserId, UserRole, UserStatus } from '../../domain/user.ts';
import { parseSort, type KeysetPosition as Position, type SortKeyOf } from './list-query.ts';

export const USER_SORT_FIELDS = ['name', 'email', 'createdAt', 'updatedAt'] as const;
export type UserSortField = (typeof USER_SORT_FIELDS)[number];
export type SortKey = SortKeyOf<UserSortField>;

export const DEFAULT_USER_SORT = '-createdAt';

export type UserFilters = Readonly<{
  status?: UserStatus;
  role?: UserRole;
  /** Case-insensitive substring of name or email; `%`, `_` and `\` match themselves. */
  search?: string;
  /** `search` looks at names only: a member may not probe other users' emails (user-visibility.ts). */
  searchNamesOnly?: boolean;
}>;

/** Where a keyset page of users starts (see list-query.ts). */
export type KeysetPosition = Position<UserId>;

/**
 * What a repository lists. The order is `sort`, then `id` in the direction of the last sort key,
 * which makes it total, so offset and keyset pages never skip or repeat a row.
 */
export type UserListQuery = UserFilters &
  Readonly<{
    sort: readonly SortKey[];
    limit: number;
    /** Offset paging: how many rows to skip. Ignored when `after` is set. */
    offset?: number;
    /** Keyset paging: continue strictly after this position. */
    after?: KeysetPosition;
  }>;

/** Parses `-createdAt,name` into sort keys; every problem is a 400 on `sort`. */
export function parseUserSort(raw: string): SortKey[] {
  return parseSort(raw, USER_SORT_FIELDS);
}

/** True when the field holds a timestamp (compared and encoded as a date, not text). */
export function isDateField(field: UserSortField): boolean {
  return field === 'createdAt' || field === 'updatedAt';
}
