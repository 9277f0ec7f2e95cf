import type { QueryBuilder } from '@mikro-orm/postgresql';
import type { KeysetPosition, SortKey, UserFilters, UserSortField } from '../../../application/ports/user-list-query.ts';
import { keysetCondition, likeSubstringPattern, orderBy, orderColumns, type SortExpressions } from './list-sql.ts';
import type { UserRow } from './user-entity.ts';

/** The alias every list query gives the users table, so raw fragments can name columns unambiguously. */
export const USERS_ALIAS = 'u';

type UsersQuery = QueryBuilder<UserRow, typeof USERS_ALIAS>;

/**
 * Text sorts compare by code point (COLLATE "C"): the same on every database locale, and what the
 * in-memory adapter does, so both adapters (and every PostgreSQL install) page identically.
 */
const SORT_EXPRESSIONS: SortExpressions<UserSortField> = {
  name: `"${USERS_ALIAS}"."name" collate "C"`,
  email: `"${USERS_ALIAS}"."email" collate "C"`,
  createdAt: `"${USERS_ALIAS}"."created_at"`,
  updatedAt: `"${USERS_ALIAS}"."updated_at"`,
  id: `"${USERS_ALIAS}"."id"`,
};

const ordered = (sort: readonly SortKey[]) => orderColumns(sort, SORT_EXPRESSIONS);

/** status, role and search, combined with AND. Values travel as parameters, never as SQL text. */
export function applyFilters(qb: UsersQuery, filters: UserFilters): void {
  if (filters.status) qb.andWhere({ status: filters.status });
  if (filters.role) qb.andWhere({ role: filters.role });
  if (filters.search) {
    const pattern = likeSubstringPattern(filters.search);
    // ILIKE (not lower(...) LIKE) so the trigram index on name and email can serve it.
    if (filters.searchNamesOnly) qb.andWhere(`"${USERS_ALIAS}"."name" ilike ? escape '\\'`, [pattern]);
    else {
      qb.andWhere(
        `("${USERS_ALIAS}"."name" ilike ? escape '\\' or "${USERS_ALIAS}"."email" ilike ? escape '\\')`,
        [pattern, pattern],
      );
    }
  }
}

export function applyOrder(qb: UsersQuery, sort: readonly SortKey[]): void {
  qb.orderBy(orderBy(ordered(sort)));
}

/** Rows strictly after `after` in the query's order (see list-sql.ts). */
export function applyKeyset(qb: UsersQuery, sort: readonly SortKey[], after: KeysetPosition): void {
  const { sql, params } = keysetCondition(ordered(sort), after);
  qb.andWhere(sql, params);
}
