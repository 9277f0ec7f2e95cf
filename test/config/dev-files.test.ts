import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES, loadConfig } from '../../src/config.ts';
import { keepsDevelopmentSecrets } from '../../src/composition/dev-secrets.ts';
import { prettyLogs } from '../../src/log-format.ts';

const root = new URL('../../', import.meta.url);
const read = (path: string) => readFile(new URL(path, root), 'utf8');

/** The variables the contract's Configuration table names (first column, in backquotes). */
async function contractVariables(): Promise<string[]> {
  const contract = await read('docs/api.md').catch(() => read('../../shared/API.md')); // the copy, or the shared original
  const table = contract.slice(contract.indexOf('## Configuration'), contract.indexOf('\n## ', contract.indexOf('## Configuration') + 1));
  return table
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .flatMap((line) => [...(line.split('|')[1] ?? '').matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((match) => match[1] as string));
}

describe('.env.example', () => {
  it('lists every variable of the contract and of the code, each after a comment line, with its default', async () => {
    const example = (await read('.env.example')).split('\n');
    const variables = new Set([...(await contractVariables()), ...CONFIG_VARIABLES, 'USER_PASSWORD']);
    expect(variables.size).toBeGreaterThan(35); // the table was read
    for (const variable of variables) {
      const at = example.findIndex((line) => line.startsWith(`# ${variable}=`));
      expect(at, `${variable} missing`).toBeGreaterThan(0);
      expect(example[at - 1], `${variable} has no comment`).toMatch(/^# (?![A-Z_]+=).{10,}$/);
    }
    // Every default shown is the one the code applies.
    const defaults = loadConfig({});
    for (const line of example) {
      const [, variable, value] = /^# ([A-Z_]+)=(\d+)$/.exec(line) ?? [];
      if (variable && variable in defaults) expect(String(defaults[variable as keyof typeof defaults]), variable).toBe(value);
    }
  });
});

describe('the npm scripts that start something', () => {
  it('read .env when present', async () => {
    const { scripts } = JSON.parse(await read('package.json')) as { scripts: Record<string, string> };
    for (const name of ['dev', 'worker', 'setup', 'db:migrate', 'db:seed', 'user:create']) {
      expect(scripts[name], name).toMatch(/^node --env-file-if-exists=\.env /);
    }
    // start builds the bundle first, then runs it with the same .env.
    expect(scripts.start).toMatch(/^node scripts\/build\.ts && node --env-file-if-exists=\.env .*dist\/main\.js$/);
  });
});

describe('the log format', () => {
  it('is pretty on a terminal outside production, JSON on a pipe or in production, and LOG_FORMAT decides when set', () => {
    const tty = { isTTY: true };
    const pipe = { isTTY: false };
    expect(prettyLogs(loadConfig({}), tty)).toBe(true);
    expect(prettyLogs(loadConfig({ NODE_ENV: 'test' }), tty)).toBe(true);
    expect(prettyLogs(loadConfig({}), pipe)).toBe(false);
    const production = { NODE_ENV: 'production', JWT_PRIVATE_KEY: 'k', CURSOR_SECRET: 'c'.repeat(32) };
    expect(prettyLogs(loadConfig(production), tty)).toBe(false);
    expect(prettyLogs(loadConfig({ LOG_FORMAT: 'pretty' }), pipe)).toBe(true);
    expect(prettyLogs(loadConfig({ LOG_FORMAT: 'json' }), tty)).toBe(false);
  });
});

describe('the development secrets kept in DATA_DIR', () => {
  it('are kept in development on a directory only: never in production, under test, or with DATA_DIR=memory', () => {
    const production = { NODE_ENV: 'production', JWT_PRIVATE_KEY: 'k', CURSOR_SECRET: 'c'.repeat(32) };
    expect(keepsDevelopmentSecrets(loadConfig({}))).toBe(true);
    expect(keepsDevelopmentSecrets(loadConfig({ DATA_DIR: '/tmp/somewhere' }))).toBe(true);
    expect(keepsDevelopmentSecrets(loadConfig({ DATA_DIR: 'memory' }))).toBe(false);
    expect(keepsDevelopmentSecrets(loadConfig({ NODE_ENV: 'test' }))).toBe(false);
    expect(keepsDevelopmentSecrets(loadConfig(production))).toBe(false);
  });
});
