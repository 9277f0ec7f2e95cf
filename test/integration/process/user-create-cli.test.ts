import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runScript } from '../../support/run-script.ts';
import { signIn, startService } from './service-process.ts';

const CLI = fileURLToPath(new URL('../../../scripts/user-create.ts', import.meta.url));
let dataDir: string;

afterAll(async () => {
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** `npm run user:create -- ...args`, with `stdin` piped in; its exit code and output. */
const userCreate = (args: string[], env: Record<string, string>, stdin = '') => runScript(CLI, args, env, stdin);

describe('npm run user:create', () => {
  it('creates an admin from the shell, who can then sign in to the service', { timeout: 120_000 }, async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'users-cli-'));
    const env = { DATA_DIR: dataDir, DATABASE_URL: '' };
    const created = await userCreate(['--email', 'Ops@Example.com', '--role', 'admin', '--password-stdin'], env, 'an-operator-password\n');
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({ email: 'ops@example.com', role: 'admin', status: 'active', canSignIn: true });

    // Refused, each with a clear line and exit 1: a taken email, an unknown role, a bad address.
    const again = await userCreate(['--email', 'ops@example.com'], { ...env, USER_PASSWORD: 'another-password' });
    expect([again.code, again.stderr.trim()]).toEqual([1, 'email: Email is already in use']);
    const role = await userCreate(['--email', 'x@example.com', '--role', 'root'], env);
    expect(role.code).toBe(1);
    expect(role.stderr).toMatch(/^--role must be one of admin, member/);
    const email = await userCreate(['--email', 'not-an-email'], env);
    expect([email.code, email.stderr.trim()]).toEqual([1, 'email: Email must be a valid email address']);

    const service = await startService({ DATA_DIR: dataDir, ADMIN_EMAIL: '', ADMIN_PASSWORD: '' });
    try {
      // While the service holds the embedded database, the command refuses rather than write
      // into a copy the service never sees.
      const busy = await userCreate(['--email', 'late@example.com'], env);
      expect(busy.code).toBe(1);
      expect(busy.stderr).toMatch(/^The embedded database in .* is in use by process \d+/);
      const me = await fetch(`${service.url}/api/auth/me`, { headers: { authorization: await signIn(service.url, 'ops@example.com', 'an-operator-password') } });
      expect(await me.json()).toMatchObject({ data: { email: 'ops@example.com', role: 'admin' } });
    } finally {
      service.child.kill('SIGTERM');
      expect(await service.exit).toBe(0);
    }
  });
});
