import { fileURLToPath } from 'node:url';
import { openDatabase, type DatabaseConfig } from '../src/adapters/persistence/mikro-orm/orm.ts';

/**
 * Database migrations from the command line, against the database the service would use:
 * DATABASE_URL (PostgreSQL) or else the embedded PGlite under DATA_DIR (default ./.data).
 *
 *   node scripts/migrate.ts up                     apply pending migrations (under the advisory lock)
 *   node scripts/migrate.ts down                   revert the last applied migration
 *   node scripts/migrate.ts create [name] [--blank] write a migration for the entity changes (or an empty one)
 */
const MIGRATIONS_DIR = fileURLToPath(new URL('../src/adapters/persistence/mikro-orm/migrations', import.meta.url));

function configFromEnv(env: NodeJS.ProcessEnv): DatabaseConfig {
  // Empty counts as unset, as in src/config.ts: compose files and CI often export `VAR=`.
  const databaseUrl = env.DATABASE_URL || undefined;
  return { databaseUrl, dataDir: env.DATA_DIR || './.data' };
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  // Checked before opening anything, so a typo cannot create an embedded database as a side effect.
  if (command !== 'up' && command !== 'down' && command !== 'create') {
    throw new Error(`unknown command "${command ?? ''}"; use up, down or create [name] [--blank]`);
  }
  const database = await openDatabase(configFromEnv(process.env));
  try {
    if (command === 'up') {
      await database.migrate();
      console.log(`migrations applied (${database.kind})`);
    } else if (command === 'down') {
      const reverted = await database.orm.migrator.down();
      console.log(reverted.length ? `reverted ${reverted.map((m) => m.name).join(', ')}` : 'nothing to revert');
    } else {
      // Diff against a schema that has every existing migration applied.
      await database.migrate();
      const blank = rest.includes('--blank');
      const name = rest.find((arg) => !arg.startsWith('--'));
      const result = await database.orm.migrator.create(MIGRATIONS_DIR, blank, false, name);
      if (!result.fileName) {
        console.log('no schema changes; nothing written (use --blank for a hand-written migration)');
      } else {
        console.log(`wrote ${result.fileName}: import it in migrations/index.ts (migrationsList) to apply it`);
      }
    }
  } finally {
    await database.close();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
