/**
 * `npm run db:explain`: EXPLAINs every hot query (scripts/hot-queries.ts) against the database the
 * service would use (DATABASE_URL, or the embedded one under DATA_DIR) and fails, exit 1, when one
 * does not use its intended index or when an index is left that no hot query needs. Run it on a
 * database of realistic size (`npm run db:seed`): on a tiny one the planner rightly prefers
 * sequential scans.
 */
import { openDatabase } from '../src/adapters/persistence/mikro-orm/orm.ts';
import { explainHotQueries, sampleOf, unusedIndexes } from './hot-queries.ts';

const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL || undefined, dataDir: process.env.DATA_DIR || './.data' });
let failed: boolean;
try {
  await database.migrate();
  const results = await explainHotQueries(database, await sampleOf(database));
  const width = Math.max(...results.map((result) => result.name.length));
  for (const result of results) {
    console.log(`${result.used ? 'ok  ' : 'FAIL'}  ${result.name.padEnd(width)}  ${result.index}`);
    if (!result.used || process.argv.includes('--verbose')) console.log(`${result.plan.replace(/^/gm, '        ')}\n`);
  }
  const unused = await unusedIndexes(database);
  for (const name of unused) console.log(`FAIL  no hot query uses ${name}: drop it, or add the query it serves to scripts/hot-queries.ts`);
  failed = results.some((result) => !result.used) || unused.length > 0;
} finally {
  await database.close();
}
process.exitCode = failed ? 1 : 0;
