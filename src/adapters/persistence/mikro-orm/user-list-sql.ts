import { raw } from '@mikro-orm/core';
import type { QueryBuilder } from '@mikro-orm/postgresql';
import { idDirection, type KeysetPosition, type SortDirection, type UserFilters, type UserSortField, type SortKey } from '../../../application/user-list.ts';
import type { UserRow } from './user-entity.ts';

/** The alias every list query gives the users table, so raw fragments can name columns unambiguously. */
export const USERS_ALIAS = 'u';

type UsersQuery = QueryBuilder<UserRow, typeof USERS_ALIAS>;

/**
 * Text sorts compare by code point (COLLATE "C"): the same on every database locale, and what the
 * in-memory adapter does, so both adapters (and every PostgreSQL install) page identically.
 */
const SORT_EXPRESSIONS: Record<UserSortField | 'id', string> = {
  name: `"${USERS_ALIAS}"."name" collate "C"`,
  email: `"${USERS_ALIAS}"."email" collate "C"`,
  createdAt: `"${USERS_ALIAS}"."created_at"`,
  updatedAt: `"${USERS_ALIAS}"."updated_at"`,
  id: `"${USERS_ALIAS}"."id"`,
};

type OrderColumn = { sql: string; direction: SortDirection };

/** The query's sort keys, then id in the last key's direction: a total order. */
function orderColumns(sort: readonly SortKey[]): OrderColumn[] {
  const columns = sort.map(({ field, direction }) => ({ sql: SORT_EXPRESSIONS[field], direction }));
  return [...columns, { sql: SORT_EXPRESSIONS.id, direction: idDirection(sort) }];
}

/** `%`, `_` and `\` are LIKE wildcards (or its escape); escaped, they match themselves. */
export function likeSubstringPattern(search: string): string {
  return `%${search.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

/** status, role and search, combined with AND. Values travel as parameters, never as SQL text. */
export function applyFilters(qb: UsersQuery, filters: UserFilters): void {
  if (filters.status) qb.andWhere({ status: filters.status });
  if (filters.role) qb.andWhere({ role: filters.role });
  if (filters.search) {
    const pattern = likeSubstringPattern(filters.search);
    // ILIKE (not lower(...) LIKE) so the trigram index on name and email can serve it.
    qb.andWhere(
      `("${USERS_ALIAS}"."name" ilike ? escape '\\' or "${USERS_ALIAS}"."email" ilike ? escape '\\')`,
      [pattern, pattern],
    );
  }
}

export function applyOrder(qb: UsersQuery, sort: readonly SortKey[]): void {
  qb.orderBy(orderColumns(sort).map(({ sql, direction }) => ({ [raw(sql)]: direction })));
}

/**
 * Rows strictly after `after` in the query's order. When every column runs the same way a row
 * comparison says it in one predicate (which a matching composite index can range-scan); mixed
 * directions need the expanded form `(a > x) or (a = x and b < y) or (a = x and b = y and id > z)`.
 */
export function applyKeyset(qb: UsersQuery, sort: readonly SortKey[], after: KeysetPosition): void {
  const columns = orderColumns(sort);
  const values: unknown[] = [...after.values, after.id];
  const op = (direction: SortDirection) => (direction === 'asc' ? '>' : '<');
  const first = columns[0] as OrderColumn;
  if (columns.every(({ direction }) => direction === first.direction)) {
    const left = columns.map(({ sql }) => sql).join(', ');
    const right = columns.map(() => '?').join(', ');
    qb.andWhere(`(${left}) ${op(first.direction)} (${right})`, values);
    return;
  }
  const branches: string[] = [];
  const params: unknown[] = [];
  columns.forEach((column, i) => {
    const equalities = columns.slice(0, i).map(({ sql }) => `${sql} = ?`);
    branches.push(`(${[...equalities, `${column.sql} ${op(column.direction)} ?`].join(' and ')})`);
    params.push(...values.slice(0, i), values[i]);
  });
  qb.andWhere(`(${branches.join(' or ')})`, params);
}
