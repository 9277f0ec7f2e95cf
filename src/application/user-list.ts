import { ValidationError } from '../domain/errors.ts';
import type { UserId, UserRole, UserStatus } from '../domain/user.ts';

export const USER_SORT_FIELDS = ['name', 'email', 'createdAt', 'updatedAt'] as const;
export type UserSortField = (typeof USER_SORT_FIELDS)[number];
export type SortDirection = 'asc' | 'desc';
export type SortKey = Readonly<{ field: UserSortField; direction: SortDirection }>;

export const DEFAULT_USER_SORT = '-createdAt';

export type UserFilters = Readonly<{
  status?: UserStatus;
  role?: UserRole;
  /** Case-insensitive substring of name or email; `%`, `_` and `\` match themselves. */
  search?: string;
}>;

/** Where a keyset page starts: the sort values of the last row already seen, and its id. */
export type KeysetPosition = Readonly<{ values: readonly (string | Date)[]; id: UserId }>;

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

function isSortField(value: string): value is UserSortField {
  return (USER_SORT_FIELDS as readonly string[]).includes(value);
}

/** Parses `-createdAt,name` into sort keys; every problem is a 400 on `sort`. */
export function parseUserSort(raw: string): SortKey[] {
  const keys: SortKey[] = [];
  for (const part of raw.split(',')) {
    const token = part.trim();
    const descending = token.startsWith('-');
    const field = descending ? token.slice(1) : token;
    if (!isSortField(field)) {
      throw new ValidationError({
        sort: `Cannot sort by "${field}"; use ${USER_SORT_FIELDS.join(', ')}, each optionally prefixed with -`,
      });
    }
    if (keys.some((key) => key.field === field)) {
      throw new ValidationError({ sort: `Sort field "${field}" is given more than once` });
    }
    keys.push({ field, direction: descending ? 'desc' : 'asc' });
  }
  return keys;
}

/** The tie-break direction: that of the last sort key. */
export function idDirection(sort: readonly SortKey[]): SortDirection {
  return sort[sort.length - 1]?.direction ?? 'asc';
}

/** True when the field holds a timestamp (compared and encoded as a date, not text). */
export function isDateField(field: UserSortField): boolean {
  return field === 'createdAt' || field === 'updatedAt';
}
