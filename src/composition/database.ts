import type { Config } from '../config.ts';
import { openDatabase, type Database } from '../adapters/persistence/mikro-orm/orm.ts';

/** The database, migrated: shared by the service and the worker process. Closed again if migrating fails. */
export async function openMigratedDatabase(config: Config): Promise<Database> {
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  try {
    await database.migrate();
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}
