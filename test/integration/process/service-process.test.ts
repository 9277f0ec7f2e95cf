import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../support/postgres.ts';
import { exportJWK, generateKeyPair } from 'jose';
import { ADMIN, runToExit, signIn, startService } from './service-process.ts';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

/** Sends raw bytes and returns everything the server writes back before closing. */
function rawExchange(port: number, raw: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(raw));
    let reply = '';
    socket.on('data', (chunk: Buffer) => (reply += chunk.toString('utf8')));
    socket.on('end', () => resolve(reply));
    socket.on('error', reject);
  });
}

async function tempDataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'users-service-'));
  dirs.push(dir);
  return dir;
}

describe('the Node entry point', () => {
  it('refuses to start on a bad variable, with one line naming it', async () => {
    const { code, stderr } = await runToExit({ PORT: 'eighty', DATA_DIR: 'memory' });
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^Invalid configuration: PORT must be a whole number/);
  });

  it('fails the start at once, with exit 1, when DATA_DIR cannot be created', async () => {
    // Under /proc a recursive mkdir never settles on Linux; the start must fail, not hang.
    const { code } = await runToExit({ DATA_DIR: '/proc/users-service-cannot-be-here', PORT: '0' });
    expect(code).toBe(1);
  });

  it('keeps data written on the embedded default across a restart, and a token signed with JWT_PRIVATE_KEY too', async () => {
    const dataDir = await tempDataDir();
    const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    const key = JSON.stringify(await exportJWK(privateKey));
    const first = await startService({ DATA_DIR: dataDir, JWT_PRIVATE_KEY: key });
    expect(first.lines.some((line) => line.includes('generated key'))).toBe(false);
    const authorization = await signIn(first.url);
    const created = await fetch(`${first.url}/api/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization },
      body: JSON.stringify({ name: 'Durable Dana', email: 'dana@example.com' }),
    });
    expect(created.status).toBe(201);
    const { data } = (await created.json()) as { data: { id: string } };
    // A second session, signed out before the restart: its access token must stay refused after it.
    const login = await fetch(`${first.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: ADMIN.ADMIN_EMAIL, password: ADMIN.ADMIN_PASSWORD }),
    });
    const signedOut = ((await login.json()) as { data: { accessToken: string; refreshToken: string } }).data;
    const logout = await fetch(`${first.url}/api/auth/logout`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken: signedOut.refreshToken }),
    });
    expect(logout.status).toBe(204);
    first.child.kill('SIGTERM');
    expect(await first.exit).toBe(0);

    const second = await startService({ DATA_DIR: dataDir, JWT_PRIVATE_KEY: key });
    try {
      // The first process's token: same key, so it outlives the restart.
      const fetched = await fetch(`${second.url}/api/users/${data.id}`, { headers: { authorization } });
      expect(fetched.status).toBe(200);
      expect(((await fetched.json()) as { data: { email: string } }).data.email).toBe('dana@example.com');
      const stale = await fetch(`${second.url}/api/auth/me`, { headers: { authorization: `Bearer ${signedOut.accessToken}` } });
      expect(stale.status).toBe(401);
    } finally {
      second.child.kill('SIGTERM');
      expect(await second.exit).toBe(0);
    }
  });

  it('finishes an in-flight request after SIGTERM, then exits 0', async () => {
    const service = await startService({ DATA_DIR: 'memory' });
    const authorization = await signIn(service.url);
    const body = JSON.stringify({ name: 'In Flight', email: 'inflight@example.com' });
    const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: service.port, method: 'POST', path: '/api/users', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked', authorization } },
        (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        },
      );
      req.on('error', reject);
      // Half the body now, SIGTERM while the request is in flight, the rest afterwards.
      req.write(body.slice(0, 10));
      setTimeout(() => {
        service.child.kill('SIGTERM');
        setTimeout(() => req.end(body.slice(10)), 300);
      }, 200);
    });
    const result = await response;
    expect(result.status).toBe(201);
    expect(JSON.parse(result.body).data.email).toBe('inflight@example.com');
    expect(await service.exit).toBe(0);
    expect(service.lines.some((line) => line.includes('shutdown complete'))).toBe(true);
  });

  it('answers requests node:http refuses (huge headers, a bad request line) in the envelope', async () => {
    const service = await startService({ DATA_DIR: 'memory' });
    try {
      for (const [raw, status] of [
        [`GET /livez HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, 431],
        ['NOT A REQUEST\r\n\r\n', 400],
      ] as const) {
        const reply = await rawExchange(service.port, raw);
        expect(reply).toMatch(new RegExp(`^HTTP/1.1 ${status} `));
        expect(reply).toMatch(/\r\nX-Request-Id: [0-9a-f-]{36}\r\n/i);
        expect(reply).toMatch(/\r\nX-Content-Type-Options: nosniff\r\n/i);
        expect(JSON.parse(reply.slice(reply.indexOf('\r\n\r\n') + 4))).toMatchObject({ error: { code: 'BAD_REQUEST' } });
      }
    } finally {
      service.child.kill('SIGTERM');
      expect(await service.exit).toBe(0);
    }
  });

  it('starts on PostgreSQL, applying migrations, and reports ready', async () => {
    const database = await createTestDatabase();
    try {
      const service = await startService({ DATABASE_URL: database.url, CURSOR_SECRET: 'x'.repeat(32) });
      try {
        const ready = await fetch(`${service.url}/readyz`);
        expect(ready.status).toBe(200);
        // The only user is the admin that ADMIN_EMAIL / ADMIN_PASSWORD ensured at start.
        const listed = await fetch(`${service.url}/api/users`, { headers: { authorization: await signIn(service.url) } });
        expect(await listed.json()).toMatchObject({ data: [{ email: ADMIN.ADMIN_EMAIL, role: 'admin' }], pagination: { total: 1 } });
      } finally {
        service.child.kill('SIGTERM');
        expect(await service.exit).toBe(0);
      }
    } finally {
      await database.drop();
    }
  });

  it('refuses to start in production without JWT_PRIVATE_KEY, and on a key it cannot use, in one line without the key', async () => {
    const production = await runToExit({ NODE_ENV: 'production', DATA_DIR: 'memory' });
    expect(production.code).toBe(1);
    expect(production.stderr.trim().split('\n')).toHaveLength(1);
    expect(production.stderr).toMatch(/^Invalid configuration: JWT_PRIVATE_KEY must be set when NODE_ENV=production/);

    const { publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    const publicJwk = JSON.stringify(await exportJWK(publicKey));
    for (const bad of [publicJwk, '-----BEGIN PRIVATE KEY-----\nnot-base64-secret-material\n-----END PRIVATE KEY-----']) {
      const { code, stderr } = await runToExit({ JWT_PRIVATE_KEY: bad, DATA_DIR: 'memory' });
      expect(code).toBe(1);
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stderr).toMatch(/^Invalid configuration: JWT_PRIVATE_KEY /);
      expect(stderr).not.toContain('secret-material');
      expect(stderr).not.toContain(JSON.parse(publicJwk).x);
    }
  });

  it('warns when it signs with a generated key, and ensures the configured admin', async () => {
    const service = await startService({ DATA_DIR: 'memory' });
    try {
      expect(service.lines.some((line) => line.includes('JWT_PRIVATE_KEY is not set: signing with a generated key'))).toBe(true);
      expect(service.lines.some((line) => line.includes('"outcome":"created"') && line.includes('admin ensured'))).toBe(true);
      const me = await fetch(`${service.url}/api/auth/me`, { headers: { authorization: await signIn(service.url) } });
      expect(await me.json()).toMatchObject({ data: { email: ADMIN.ADMIN_EMAIL, role: 'admin', status: 'active' } });
      const jwks = (await (await fetch(`${service.url}/.well-known/jwks.json`)).json()) as { keys: { kid: string; d?: string }[] };
      expect(jwks.keys).toHaveLength(1);
      expect(jwks.keys[0]?.d).toBeUndefined();
    } finally {
      service.child.kill('SIGTERM');
      expect(await service.exit).toBe(0);
    }
  });

  it('refuses to start when ADMIN_EMAIL names a stranger\'s account, rather than make the stranger admin', async () => {
    const dataDir = await tempDataDir();
    const open = await startService({ DATA_DIR: dataDir, ADMIN_EMAIL: '', ADMIN_PASSWORD: '' });
    const registered = await fetch(`${open.url}/api/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Not the operator', email: 'ops@example.com', password: 'attacker-password' }),
    });
    expect(registered.status).toBe(201);
    open.child.kill('SIGTERM');
    expect(await open.exit).toBe(0);

    const { code, stderr } = await runToExit({ DATA_DIR: dataDir, ADMIN_EMAIL: 'ops@example.com', ADMIN_PASSWORD: 'operator-chosen-secret' });
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^Invalid configuration: ADMIN_EMAIL names an existing active member whose password is not ADMIN_PASSWORD/);
    expect(stderr).not.toContain('operator-chosen-secret');
  });
});
