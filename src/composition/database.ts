import type { Config } from '../config.ts';
import { openDatabase, type Database } from '../adapters/persistence/mikro-orm/orm.ts';
import { tracingOn } from '../adapters/telemetry/tracing.ts';
import { databaseUnreachable } from './database-unreachable.ts';

/**
 * The database, migrated: shared by the service and the worker process. Closed again if migrating
 * fails. A database that is missing or refuses the connection becomes one clear ConfigError. With
 * tracing on (started before), each statement gets a span.
 */
export async function openMigratedDatabase(config: Config): Promise<Database> {
  let database: Database;
  try {
    database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR }, { statementSpans: tracingOn() });
  } catch (error) {
    throw databaseUnreachable(error, config.DATABASE_URL) ?? error;
  }
  try {
    await database.migrate();
  } catch (error) {
    await database.close();
    throw databaseUnreachable(error, config.DATABASE_URL) ?? error;
  }
  return database;
}
