import { describe, expect, it } from 'vitest';
import { buildHttpApp } from '../support/http-app.ts';
import { body } from '../support/json.ts';

describe('validation reports every problem in one response', () => {
  it('names type errors and domain-rule errors together, each in its own sentence', async () => {
    const t = buildHttpApp();
    const res = await t.request('POST', '/api/users', { json: { name: ' ', email: 'bob', password: 'x', role: 'root', status: 'x' } });
    expect(res.status).toBe(400);
    expect((await body(res)).error.fields).toEqual({
      name: 'Name must not be empty',
      email: 'Email must be a valid email address',
      password: 'Password must be at least 8 characters',
      status: 'Status must be one of active, inactive, suspended',
      role: 'Role must be one of admin, member',
    });
    // Nothing stored: the seeded admin is still the only user.
    expect([...t.uow.users.rows.keys()]).toEqual([t.admin.id]);
  });

  it('does the same for PATCH, next to an unknown property', async () => {
    const t = buildHttpApp();
    const created = await t.request('POST', '/api/users', { json: { name: 'Ada', email: 'ada@example.com' } });
    const { data } = await body(created);
    const res = await t.request('PATCH', `/api/users/${data.id}`, { json: { email: 'not-an-email', role: 7, isAdmin: true } });
    expect(res.status).toBe(400);
    expect(Object.keys((await body(res)).error.fields).sort()).toEqual(['email', 'isAdmin', 'role']);
  });
});
