import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261123000000_create_users } from './Migration20261123000000_create_users.ts';
import { Migration20261123000001_create_refresh_tokens } from './Migration20261123000001_create_refresh_tokens.ts';
import { Migration20261123000002_create_posts } from './Migration20261123000002_create_posts.ts';
import { Migration20261124000000_row_counters } from './Migration20261124000000_row_counters.ts';
import { Migration20261124000001_search_pending_list } from './Migration20261124000001_search_pending_list.ts';
import { Migration20261124000002_create_outbox } from './Migration20261124000002_create_outbox.ts';
import { Migration20261124000003_create_processed_events } from './Migration20261124000003_create_processed_events.ts';
import { Migration20261124000004_create_jobs } from './Migration20261124000004_create_jobs.ts';
import { Migration20261124000005_retention_indexes } from './Migration20261124000005_retention_indexes.ts';
import { Migration20261125000000_create_password_reset_tokens } from './Migration20261125000000_create_password_reset_tokens.ts';
import { Migration20261126000000_create_idempotency_keys } from './Migration20261126000000_create_idempotency_keys.ts';
import { Migration20261127000000_outbox_headers } from './Migration20261127000000_outbox_headers.ts';
import { Migration20261205000000_outbox_jobs } from './Migration20261205000000_outbox_jobs.ts';

/**
 * Every migration, in order, imported explicitly: no filesystem globbing, so bundles for Deno or
 * edge runtimes carry them too. `db:migration:create` writes a new file; add it here.
 */
export const migrationsList: MigrationObject[] = [
  { name: 'Migration20261123000000_create_users', class: Migration20261123000000_create_users },
  { name: 'Migration20261123000001_create_refresh_tokens', class: Migration20261123000001_create_refresh_tokens },
  { name: 'Migration20261123000002_create_posts', class: Migration20261123000002_create_posts },
  { name: 'Migration20261124000000_row_counters', class: Migration20261124000000_row_counters },
  { name: 'Migration20261124000001_search_pending_list', class: Migration20261124000001_search_pending_list },
  { name: 'Migration20261124000002_create_outbox', class: Migration20261124000002_create_outbox },
  { name: 'Migration20261124000003_create_processed_events', class: Migration20261124000003_create_processed_events },
  { name: 'Migration20261124000004_create_jobs', class: Migration20261124000004_create_jobs },
  { name: 'Migration20261124000005_retention_indexes', class: Migration20261124000005_retention_indexes },
  { name: 'Migration20261125000000_create_password_reset_tokens', class: Migration20261125000000_create_password_reset_tokens },
  { name: 'Migration20261126000000_create_idempotency_keys', class: Migration20261126000000_create_idempotency_keys },
  { name: 'Migration20261127000000_outbox_headers', class: Migration20261127000000_outbox_headers },
  { name: 'Migration20261205000000_outbox_jobs', class: Migration20261205000000_outbox_jobs },
];
