import { defineEntity, p } from '@mikro-orm/core';

/**
 * "idempotency_keys" as MikroORM sees it, only so the schema diff matches its migration; the
 * records are read and written with plain SQL (idempotency-key-statements.ts).
 */
export const IdempotencyKeyEntity = defineEntity({
  name: 'IdempotencyKeyRow',
  tableName: 'idempotency_keys',
  primaryKeys: ['caller', 'key'],
  properties: {
    caller: p.text().primary(),
    key: p.text().primary(),
    requestHash: p.text(),
    token: p.text(),
    createdAt: p.datetime(3).columnType('timestamptz(3)'),
    leaseUntil: p.datetime(3).columnType('timestamptz(3)'),
    expiresAt: p.datetime(3).columnType('timestamptz(3)').index('idempotency_keys_expires_at_index'),
    responseStatus: p.integer().nullable(),
    responseHeaders: p.text().nullable(),
    responseBody: p.text().nullable(),
  },
});
