import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_ADMIN_HINT } from '../../../src/composition/admin.ts';
import { eachLine } from '../../support/output-lines.ts';
import { createTestDatabase } from '../../support/postgres.ts';
import { runScript } from '../../support/run-script.ts';
import { runToExit, signIn, startService, WORKER, type ServiceProcess } from './service-process.ts';

const SETUP = fileURLToPath(new URL('../../../scripts/setup.ts', import.meta.url));
const MAIN = fileURLToPath(new URL('../../../src/main.ts', import.meta.url));
const NO_ADMIN = { ADMIN_EMAIL: '', ADMIN_PASSWORD: '' };

let database: Awaited<ReturnType<typeof createTestDatabase>>;
const dirs: string[] = [];
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'users-dev-loop-'));
  dirs.push(dir);
  return dir;
}

async function stop(service: ServiceProcess): Promise<void> {
  service.child.kill('SIGTERM');
  expect(await service.exit).toBe(0);
}

/** `npm run setup -- ...args` with `stdin` piped in. */
const setup = (args: string[], env: Record<string, string>, stdin = '') => runScript(SETUP, args, env, stdin);

describe('the development loop', () => {
  it('keeps the generated signing key and cursor secret in DATA_DIR, so a token and a cursor outlive a restart', { timeout: 120_000 }, async () => {
    const dataDir = await tempDir();
    const env = { DATABASE_URL: database.url, DATA_DIR: dataDir, NODE_ENV: 'development', JWT_PRIVATE_KEY: '', CURSOR_SECRET: '' };
    const first = await startService(env);
    const authorization = await signIn(first.url);
    const headers = { authorization, 'content-type': 'application/json' };
    await fetch(`${first.url}/api/users`, { method: 'POST', headers, body: JSON.stringify({ name: 'Second', email: 'second@example.com' }) });
    const page = (await (await fetch(`${first.url}/api/users?limit=1`, { headers })).json()) as { pagination: { nextCursor: string } };
    expect(first.lines.some((line) => line.includes('signing with a development key generated once and kept in DATA_DIR'))).toBe(true);
    await stop(first);

    const files = await readdir(join(dataDir, 'dev-keys'));
    expect(files.sort()).toEqual(['cursor-secret', 'jwt-private-key.jwk']);
    for (const file of files) expect((await stat(join(dataDir, 'dev-keys', file))).mode & 0o777).toBe(0o600);

    const second = await startService(env);
    try {
      const me = await fetch(`${second.url}/api/auth/me`, { headers: { authorization } });
      expect(me.status).toBe(200);
      // The first page's cursor, sealed before the restart, still continues the list.
      const next = await fetch(`${second.url}/api/users?limit=1&cursor=${encodeURIComponent(page.pagination.nextCursor)}`, { headers: { authorization } });
      expect(next.status).toBe(200);
    } finally {
      await stop(second);
    }
  });

  it('keeps nothing in production: it refuses to start without both secrets, in one line, and writes nothing', async () => {
    const dataDir = await tempDir();
    const production = await runToExit({ NODE_ENV: 'production', DATA_DIR: dataDir, JWT_PRIVATE_KEY: '', CURSOR_SECRET: '' });
    expect(production.code).toBe(1);
    expect(production.stderr.trim().split('\n')).toHaveLength(1);
    expect(production.stderr).toMatch(/JWT_PRIVATE_KEY must be set when NODE_ENV=production.*; CURSOR_SECRET must be set when NODE_ENV=production/);
    expect(await readdir(dataDir)).toEqual([]);
  });

  it('says how to create the first admin, and npm run setup creates it from flags, stdin or the environment', { timeout: 120_000 }, async () => {
    const env = { DATABASE_URL: database.url, DATA_DIR: 'memory', CURSOR_SECRET: 'y'.repeat(32) };
    await database.drop();
    database = await createTestDatabase();
    env.DATABASE_URL = database.url;
    const bare = await startService({ ...env, ...NO_ADMIN });
    await stop(bare);
    expect(bare.lines.filter((line) => line.includes(NO_ADMIN_HINT))).toHaveLength(1);

    const refused = await setup(['--email', 'not-an-email', '--password-stdin'], env, 'a-good-password\n');
    expect([refused.code, refused.stderr.trim()]).toEqual([1, 'Invalid configuration: ADMIN_EMAIL must be an email address the service accepts (got "not-an-email")']);
    const missing = await setup([], { ...env, ...NO_ADMIN });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^an email and a password are needed/);

    const created = await setup(['--email', 'Ops@Example.com', '--password-stdin'], env, 'an-operator-password\n');
    expect([created.code, created.stdout.trim()]).toEqual([0, 'admin ops@example.com created (postgresql); sign in with POST /api/auth/login']);
    const again = await setup([], { ...env, ADMIN_EMAIL: 'ops@example.com', ADMIN_PASSWORD: 'an-operator-password' });
    expect([again.code, again.stdout.trim()]).toEqual([0, 'admin ops@example.com already an active admin: left unchanged (postgresql); sign in with POST /api/auth/login']);

    const service = await startService({ ...env, ...NO_ADMIN });
    try {
      expect(service.lines.some((line) => line.includes(NO_ADMIN_HINT))).toBe(false);
      await signIn(service.url, 'ops@example.com', 'an-operator-password');
    } finally {
      await stop(service);
    }
  });

  it('stops with one line naming the host and the database when it does not exist or refuses the connection', { timeout: 60_000 }, async () => {
    const missing = new URL(database.url);
    missing.pathname = '/no_such_database_here';
    const refused = 'postgres://postgres@127.0.0.1:1/users';
    const runs = await Promise.all([
      runToExit({ DATABASE_URL: missing.toString(), DATA_DIR: 'memory' }),
      runToExit({ DATABASE_URL: missing.toString(), DATA_DIR: 'memory', NATS_URL: 'nats://127.0.0.1:4222' }, WORKER),
      runToExit({ DATABASE_URL: refused, DATA_DIR: 'memory' }),
      runToExit({ DATABASE_URL: refused, DATA_DIR: 'memory', NATS_URL: 'nats://127.0.0.1:4222' }, WORKER),
    ]);
    const at = `PostgreSQL at ${missing.hostname}:${missing.port}`;
    expect(runs).toEqual([
      ...Array(2).fill({ code: 1, stderr: `${at} has no database "no_such_database_here" (DATABASE_URL): create it with \`createdb -h ${missing.hostname} -p ${missing.port} -U postgres no_such_database_here\`, then start again\n` }),
      ...Array(2).fill({ code: 1, stderr: 'PostgreSQL at 127.0.0.1:1 refused the connection (DATABASE_URL): start PostgreSQL there, or unset DATABASE_URL to use the embedded database\n' }),
    ]);
  });

  it('reads a .env file when present (the flag npm start and npm run dev pass), and pretty-prints logs when asked', { timeout: 60_000 }, async () => {
    const dir = await tempDir();
    const envFile = join(dir, '.env');
    await writeFile(envFile, '# a comment\nDATA_DIR=memory\nPORT=0\nHOST=127.0.0.1\nLOG_FORMAT=pretty\n');
    // Node lets the environment win over the file, even an empty variable: these must be absent.
    const { DATA_DIR: _d, PORT: _p, HOST: _h, LOG_FORMAT: _f, ...inherited } = process.env;
    const child = spawn(process.execPath, [`--env-file-if-exists=${envFile}`, MAIN], {
      env: inherited,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: string[] = [];
    await new Promise<void>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${lines.join('\n')}`)));
      eachLine(child.stdout, (line) => {
        lines.push(line);
        if (line.includes('listening')) resolve();
      });
    });
    child.kill('SIGTERM');
    // pino-pretty's line ("[12:00:00.000] INFO: listening"), not JSON; the variables came from the file.
    const listening = lines.find((line) => line.includes('listening')) ?? '';
    expect(() => JSON.parse(listening)).toThrow();
    expect(listening).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO.*: listening/);
    expect(lines.join('\n')).toMatch(/host: "127\.0\.0\.1"/);
  });
});
