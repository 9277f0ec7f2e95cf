/**
 * `npm run start:deno` and the Deno test run the same sources on Deno. Deno ships as an npm
 * package with per-platform binaries as optional dependencies, and the registry this project
 * installs from holds only some platforms', so it cannot go into package-lock.json (npm ci would
 * refuse the lock). It is installed on first use into .tools/deno instead, pinned here.
 *
 * Usage: node scripts/deno.ts <deno arguments...>
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const DENO_VERSION = '2.9.6';
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PREFIX = `${ROOT}.tools/deno`;
const BINARY = `${PREFIX}/node_modules/.bin/deno`;

/** Installs Deno into .tools/deno if it is not there yet; returns the binary's path. */
export function ensureDeno(): string {
  const installed = existsSync(BINARY) && spawnSync(BINARY, ['--version'], { encoding: 'utf8' }).stdout?.includes(DENO_VERSION);
  if (installed) return BINARY;
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(
    npm,
    ['install', '--prefix', PREFIX, '--no-save', '--no-audit', '--no-fund', '--loglevel=error', `deno@${DENO_VERSION}`],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
  if (result.status !== 0 || !existsSync(BINARY)) throw new Error(`could not install deno@${DENO_VERSION} into ${PREFIX}`);
  return BINARY;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const binary = ensureDeno();
  const run = spawnSync(binary, process.argv.slice(2), { stdio: 'inherit', env: { DENO_NO_UPDATE_CHECK: '1', ...process.env } });
  process.exit(run.status ?? 1);
}
