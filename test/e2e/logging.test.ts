import { describe, expect, it } from 'vitest';
import { buildHttpApp, createUserViaApi } from '../support/http-app.ts';

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
});
