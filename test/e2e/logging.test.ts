import { describe, expect, it } from 'vitest';
import { ServiceUnavailableError } from '../../src/domain/errors.ts';
import { TrustedProxies } from '../../src/adapters/http/trusted-proxies.ts';
import { buildHttpApp, createUserViaApi, UNLIMITED } from '../support/http-app.ts';

const PASSWORD = 'correct-horse-battery-staple';

/**
 * The logger has no redaction list (it cost 16 µs per request, measured): secrets stay out of the
 * logs by construction, because no body, header or user object is ever logged. These tests hold
 * that line for the paths that see a password.
 */
describe('request logs', () => {
  it('carry the request id on every line and never a password or its hash', async () => {
    const t = buildHttpApp();
    const { user } = await createUserViaApi(t, { name: 'Ada', email: 'ada@example.com', password: PASSWORD });
    await t.request('PATCH', `/api/users/${user.id}`, { json: { password: `${PASSWORD}-2` }, headers: { 'X-Request-Id': 'trace-42' } });
    await t.request('POST', '/api/users', { json: { name: '', email: 'x', password: PASSWORD } }); // 400
    await t.request('POST', '/api/users', { json: { name: 'Ada', email: 'ADA@example.com', password: PASSWORD } }); // 409

    const stored = t.uow.users.rows.get(user.id as never)?.passwordHash as string;
    expect(stored).toMatch(/^scrypt\$/);
    const text = t.logs.map((line) => JSON.stringify(line)).join('\n');
    expect(t.logs.length).toBeGreaterThanOrEqual(4);
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain(stored.split('$').pop() as string);
    for (const line of t.logs) expect(typeof line.requestId).toBe('string');
    expect(t.logs.some((line) => line.requestId === 'trace-42' && line.status === 200)).toBe(true);
  });

  it('log a 500 with its stack and request id, but not the password of the failing request', async () => {
    const t = buildHttpApp({
      users: {
        create: {
          execute: async () => {
            throw new Error('driver exploded');
          },
        } as never,
      },
    });
    const res = await t.request('POST', '/api/users', { json: { name: 'Ada', email: 'ada@example.com', password: PASSWORD } });
    expect(res.status).toBe(500);
    const failure = t.logs.find((line) => line.level === 50 && line.msg === 'unhandled error');
    expect(failure?.requestId).toBe(res.headers.get('X-Request-Id'));
    expect(JSON.stringify(failure)).toContain('driver exploded');
    expect(JSON.stringify(t.logs)).not.toContain(PASSWORD);
  });

  it('log a 503 (work refused at capacity, a dependency down) as a warning, not as an error', async () => {
    const t = buildHttpApp({
      users: {
        create: {
          execute: async () => {
            throw new ServiceUnavailableError('Too busy; try again shortly', 1);
          },
        } as never,
      },
    });
    const res = await t.request('POST', '/api/users', { json: { name: 'Ada', email: 'ada@example.com', password: PASSWORD } });
    expect(res.status).toBe(503);
    const line = t.logs.find((entry) => entry.status === 503);
    expect(line).toMatchObject({ level: 40, msg: 'request refused: service unavailable' });
    expect(t.logs.filter((entry) => entry.level >= 50)).toEqual([]);
  });

  it('name the client address and, once authenticated, the user on every request line', async () => {
    const t = buildHttpApp();
    const from = (address: string) => ({ incoming: { socket: { remoteAddress: address } } });
    const member = await createUserViaApi(t, { name: 'Mia', email: 'mia@example.com', role: 'member' });
    const memberToken = await t.tokenFor({ id: member.user.id as never, email: 'mia@example.com', role: 'member' });
    const adminToken = await t.tokenFor(t.admin);
    await t.app.request('/api/users', { headers: { Authorization: `Bearer ${adminToken}`, 'X-Request-Id': 'as-admin' } }, from('203.0.113.7'));
    // Authenticated, then refused: the line still says who it was.
    await t.app.request(`/api/users/${t.admin.id}`, { method: 'DELETE', headers: { Authorization: `Bearer ${memberToken}`, 'X-Request-Id': 'as-member' } }, from('203.0.113.8'));
    await t.app.request('/api/users', { headers: { 'X-Request-Id': 'anonymous' } }, from('2001:db8::1'));

    const line = (id: string) => t.logs.find((entry) => entry.requestId === id && entry.msg === 'request completed');
    expect(line('as-admin')).toMatchObject({ status: 200, clientAddress: '203.0.113.7', userId: t.admin.id });
    expect(line('as-member')).toMatchObject({ status: 403, clientAddress: '203.0.113.8', userId: member.user.id });
    expect(line('anonymous')).toMatchObject({ status: 401, clientAddress: '2001:db8::1' });
    expect(line('anonymous')).not.toHaveProperty('userId');
  });

  it('take the client address from X-Forwarded-For only behind a trusted proxy (TRUST_PROXY)', async () => {
    const t = buildHttpApp({ rateLimit: { ...UNLIMITED, trustedProxies: new TrustedProxies(['loopback']) } });
    const viaProxy = { incoming: { socket: { remoteAddress: '127.0.0.1' } } };
    const direct = { incoming: { socket: { remoteAddress: '198.51.100.20' } } };
    await t.app.request('/livez', { headers: { 'X-Forwarded-For': '198.51.100.9', 'X-Request-Id': 'proxied' } }, viaProxy);
    await t.app.request('/livez', { headers: { 'X-Forwarded-For': '10.9.9.9', 'X-Request-Id': 'spoofed' } }, direct);
    const line = (id: string) => t.logs.find((entry) => entry.requestId === id && entry.msg === 'request completed');
    expect(line('proxied')?.clientAddress).toBe('198.51.100.9');
    expect(line('spoofed')?.clientAddress).toBe('198.51.100.20');
  });
});
