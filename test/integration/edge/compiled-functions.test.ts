import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const COMMITTED = `${root}src/adapters/persistence/mikro-orm/compiled-functions.js`;
const scratch = mkdtempSync(join(tmpdir(), 'compiled-functions-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/**
 * The edge's ORM runs on the pre-built hydrators and comparators (workerd refuses `new Function`):
 * an entity changed without `npm run orm:compile` would hydrate with the old shape there. The CLI's
 * compile of today's entities must equal the committed file, to the byte.
 */
it('compiled-functions.js is what `npm run orm:compile` makes of the entities now', async () => {
  const out = join(scratch, 'compiled-functions.js');
  await promisify(execFile)(process.execPath, [`${root}node_modules/@mikro-orm/cli/cli.js`, 'compile', '--config', `${root}src/adapters/persistence/mikro-orm/mikro-orm.config.ts`, '--out', out], { cwd: root });
  const fresh = readFileSync(out, 'utf8');
  expect(fresh).toContain("'hydrator-users_0-full-false'");
  expect(fresh === readFileSync(COMMITTED, 'utf8'), 'src/adapters/persistence/mikro-orm/compiled-functions.js is stale: run `npm run orm:compile`').toBe(true);
}, 60_000);
