import { defineEntity, p } from '@mikro-orm/core';

/**
 * "row_counts" as MikroORM sees it, only so `db:migration:create` diffs against a model that
 * matches the migration and does not propose dropping it. Its triggers and functions live in
 * Migration20261124000000_row_counters; the table is read with plain SQL (row-counts.ts).
 */
export const RowCountEntity = defineEntity({
  name: 'RowCount',
  tableName: 'row_counts',
  properties: {
    key: p.text().primary(),
    shard: p.smallint().primary(),
    n: p.bigint(),
  },
});
