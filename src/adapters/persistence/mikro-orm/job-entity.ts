import { defineEntity, p } from '@mikro-orm/core';

/**
 * "jobs" as MikroORM sees it, only so the schema diff matches Migration20261124000004_create_jobs;
 * the table is read and written with plain SQL (job-statements.ts).
 */
export const JobEntity = defineEntity({
  name: 'Job',
  tableName: 'jobs',
  checks: [
    { name: 'jobs_status_check', expression: `status in ('queued', 'running', 'succeeded', 'failed')` },
    { name: 'jobs_max_attempts_check', expression: 'max_attempts >= 1' },
  ],
  indexes: [
    { name: 'jobs_unfinished_index', properties: ['createdAt', 'id'], expression: `create index "jobs_unfinished_index" on "jobs" ("created_at", "id") where "status" in ('queued', 'running')` },
    {
      name: 'jobs_finished_updated_at_index',
      properties: ['status', 'updatedAt'],
      expression: `create index "jobs_finished_updated_at_index" on "jobs" ("status", "updated_at") where "status" in ('succeeded', 'failed')`,
    },
    {
      name: 'jobs_owner_unfinished_index',
      properties: ['ownerId', 'type'],
      expression: `create index "jobs_owner_unfinished_index" on "jobs" ("owner_id", "type") where "status" in ('queued', 'running')`,
    },
  ],
  properties: {
    id: p.uuid().primary(),
    type: p.text(),
    data: p.json(),
    status: p.text(),
    attempts: p.integer().default(0),
    maxAttempts: p.integer().fieldName('max_attempts'),
    ownerId: p.uuid().nullable().fieldName('owner_id'),
    createdAt: p.datetime().fieldName('created_at').columnType('timestamptz'),
    updatedAt: p.datetime().fieldName('updated_at').columnType('timestamptz'),
    availableAt: p.datetime().fieldName('available_at').columnType('timestamptz'),
    leaseUntil: p.datetime().nullable().fieldName('lease_until').columnType('timestamptz'),
    error: p.text().nullable(),
    result: p.text().nullable(),
  },
});
