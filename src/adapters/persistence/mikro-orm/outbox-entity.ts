import { defineEntity, p } from '@mikro-orm/core';

/**
 * "outbox" as MikroORM sees it, only so the schema diff matches its migrations (create_outbox, outbox_headers);
 * the table is read and written with plain SQL (outbox-statements.ts).
 */
export const OutboxEntity = defineEntity({
  name: 'OutboxEntry',
  tableName: 'outbox',
  properties: {
    id: p.uuid().primary(),
    type: p.text(),
    data: p.json(),
    occurredAt: p.datetime().fieldName('occurred_at').columnType('timestamptz'),
    attempts: p.integer().default(0),
    availableAt: p.datetime().fieldName('available_at').columnType('timestamptz'),
    lastError: p.text().nullable().fieldName('last_error'),
    kind: p.text().default('event'),
    headers: p.json().nullable(),
  },
});

/** "processed_events" as MikroORM sees it, for the schema diff only (written with plain SQL). */
export const ProcessedEventEntity = defineEntity({
  name: 'ProcessedEvent',
  tableName: 'processed_events',
  properties: {
    consumer: p.text().primary(),
    eventId: p.uuid().primary(),
    processedAt: p.datetime().columnType('timestamptz').defaultRaw('now()').index('processed_events_processed_at_index'),
  },
});
