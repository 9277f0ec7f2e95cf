import { raw } from '@mikro-orm/core';
import { idDirection, type KeysetPosition, type SortDirection, type SortKeyOf } from '../../../application/ports/list-query.ts';

/**
 * The SQL every list shares (users, posts): a total order (the sort keys, then the id in the last
 * key's direction) and the keyset condition that continues after a position in it.
 */
export type OrderColumn = { sql: string; direction: SortDirection };

/** Each sort field's SQL expression, `id` included; text ones compare by code point (COLLATE "C"). */
export type SortExpressions<F extends string> = Readonly<Record<F | 'id', string>>;

export function orderColumns<F extends string>(sort: readonly SortKeyOf<F>[], expressions: SortExpressions<F>): OrderColumn[] {
  const columns = sort.map(({ field, direction }) => ({ sql: expressions[field], direction }));
  return [...columns, { sql: expressions.id, direction: idDirection(sort) }];
}

/** The QueryBuilder's orderBy argument for these columns. */
export function orderBy(columns: readonly OrderColumn[]): Record<string, SortDirection>[] {
  return columns.map(({ sql, direction }) => ({ [raw(sql)]: direction }));
}

/**
 * Rows strictly after `after` in the columns' order. When every column runs the same way a row
 * comparison says it in one predicate (which a matching composite index can range-scan); mixed
 * directions need the expanded form `(a > x) or (a = x and b < y) or (a = x and b = y and id > z)`.
 */
export function keysetCondition(columns: readonly OrderColumn[], after: KeysetPosition): { sql: string; params: unknown[] } {
  const values: unknown[] = [...after.values, after.id];
  const op = (direction: SortDirection) => (direction === 'asc' ? '>' : '<');
  const first = columns[0] as OrderColumn;
  if (columns.every(({ direction }) => direction === first.direction)) {
    const left = columns.map(({ sql }) => sql).join(', ');
    const right = columns.map(() => '?').join(', ');
    return { sql: `(${left}) ${op(first.direction)} (${right})`, params: values };
  }
  const branches: string[] = [];
  const params: unknown[] = [];
  columns.forEach((column, i) => {
    const equalities = columns.slice(0, i).map(({ sql }) => `${sql} = ?`);
    branches.push(`(${[...equalities, `${column.sql} ${op(column.direction)} ?`].join(' and ')})`);
    params.push(...values.slice(0, i), values[i]);
  });
  return { sql: `(${branches.join(' or ')})`, params };
}

/** `%`, `_` and `\` are LIKE wildcards (or its escape); escaped, they match themselves. */
export function likeSubstringPattern(search: string): string {
  return `%${search.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}
