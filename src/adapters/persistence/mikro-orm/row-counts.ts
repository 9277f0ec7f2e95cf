import type { SqlEntityManager } from '@mikro-orm/postgresql';

/**
 * Reads a total kept by the row_counts triggers (Migration20261124000000_row_counters): a sum
 * over a handful of shard rows found by the primary key, however many rows are counted. Exact:
 * the triggers run in the writing transaction, so this sees what a `count(*)` in the same
 * snapshot would.
 */
export async function countedRows(em: SqlEntityManager, key: string): Promise<number> {
  const row = (await em.execute<{ n: string | number | null }>(
    'select sum("n") as "n" from "row_counts" where "key" = ?',
    [key],
    'get',
  )) as { n: string | number | null } | undefined;
  return Number(row?.n ?? 0);
}

/** The counter of a users filter, or null when the filter needs a real count (a search). */
export function userCounterKey(filters: Readonly<{ status?: string; role?: string; search?: string }>): string | null {
  if (filters.search) return null;
  return ['users', filters.status && `status:${filters.status}`, filters.role && `role:${filters.role}`].filter(Boolean).join('|');
}
