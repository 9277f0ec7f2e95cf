import { beforeEach, describe, expect, it } from 'vitest';
import { buildHttpApp, createUserViaApi, type TestApp } from '../support/http-app.ts';
import { body } from '../support/json.ts';

const UNKNOWN_ID = '01890a5d-ac96-774b-bcce-b302099a8057';

let t: TestApp;
beforeEach(() => {
  t = buildHttpApp();
});


describe('POST /api/users', () => {
  it('answers 201 with the user, Location and a strong ETag; never a password or version', async () => {
    const res = await t.request('POST', '/api/users', {
      json: { name: '  Ada Lovelace ', email: 'Ada@Example.COM', password: 'correct horse' },
    });
    expect(res.status).toBe(201);
    const { data } = await body(res);
    expect(Object.keys(data).sort()).toEqual(['createdAt', 'email', 'id', 'name', 'role', 'status', 'updatedAt']);
    expect(data).toMatchObject({ name: 'Ada Lovelace', email: 'ada@example.com', status: 'active', role: 'member' });
    expect(data.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    // The contract's ids are UUIDv7: version nibble 7, RFC 9562 variant, time-ordered.
    expect(data.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(res.headers.get('Location')).toBe(`/api/users/${data.id}`);
    expect(res.headers.get('ETag')).toBe('"v1"');
  });

  it('takes status and role when given', async () => {
    const { user } = await createUserViaApi(t, { name: 'Root', email: 'root@example.com', status: 'inactive', role: 'admin' });
    expect(user).toMatchObject({ status: 'inactive', role: 'admin' });
  });

  it.each([
    ['same case', 'ada@example.com'],
    ['other case', 'ADA@EXAMPLE.com'],
  ])('answers 409 CONFLICT with fields.email for an email in use (%s)', async (_case, email) => {
    await createUserViaApi(t, { name: 'Ada', email: 'ada@example.com' });
    const res = await t.request('POST', '/api/users', { json: { name: 'Other', email } });
    expect(res.status).toBe(409);
    const { error } = await body(res);
    expect(error.code).toBe('CONFLICT');
    expect(error.fields).toEqual({ email: expect.any(String) });
  });
});

describe('GET /api/users/:id', () => {
  it('answers the user with its ETag', async () => {
    const { user } = await createUserViaApi(t, { name: 'Ada', email: 'ada@example.com' });
    const res = await t.request('GET', `/api/users/${user.id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('ETag')).toBe('"v1"');
    expect((await body(res)).data).toEqual(user);
  });

  it.each([[UNKNOWN_ID], ['not-a-uuid'], ['123'], ['%E2%9C%93'], [`${UNKNOWN_ID}x`]])('answers 404 User not found for %s', async (id) => {
    const res = await t.request('GET', `/api/users/${id}`);
    expect(res.status).toBe(404);
    expect(await body(res)).toEqual({ error: { code: 'NOT_FOUND', message: 'User not found' } });
  });
});

describe('PUT /api/users/:id', () => {
  it('replaces every writable field and answers the new ETag', async () => {
    const { user } = await createUserViaApi(t, { name: 'Ada', email: 'ada@example.com' });
    const res = await t.request('PUT', `/api/users/${user.id}`, {
      json: { name: 'Ada King', email: 'ada.king@example.com', status: 'suspended', role: 'admin' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('ETag')).toBe('"v2"');
    expect((await body(res)).data).toMatchObject({ name: 'Ada King', email: 'ada.king@example.com', status: 'suspended', role: 'admin' });
    expect((await body(await t.request('GET', `/api/users/${user.id}`))).data.name).toBe('Ada King');
  });

  it('needs every writable field but the password: 400 naming the missing ones', async () => {
    const { user } = await createUserViaApi(t, { name: 'Ada', email: 'ada@example.com' });
    const res = await t.request('PUT', `/api/users/${user.id}`, { json: { name: 'Ada' } });
    expect(res.status).toBe(400);
    const { error } = await body(res);
    expect(error.code).toBe('VALIDATION_ERROR');
    expect(Object.keys(error.fields).sort()).toEqual(['email', 'role', 'status']);
  });

  it('answers 404 for an unknown id and 409 for an email taken by another user', async () => {
    const full = { name: 'X', email: 'x@example.com', status: 'active', role: 'member' };
    expect((await t.request('PUT', `/api/users/${UNKNOWN_ID}`, { json: full })).status).toBe(404);
    await createUserViaApi(t, { name: 'Ada', email: 'ada@example.com' });
    const { user } = await createUserViaApi(t, { name: 'Bob', email: 'bob@example.com' });
    const res = await t.request('PUT', `/api/users/${user.id}`, { json: { ...full, email: 'ADA@example.com' } });
    expect(res.status).toBe(409);
    expect((await body(res)).error.fields).toHaveProperty('email');
  });
});

describe('PATCH /api/users/:id', () => {
  it('changes only the given fields and bumps the ETag', async () => {
    const { user } = await createUserViaApi(t, { name: 'Ada', email: 'ada@example.com' });
    const res = await t.request('PATCH', `/api/users/${user.id}`, { json: { role: 'admin' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('ETag')).toBe('"v2"');
    expect((await body(res)).data).toMatchObject({ name: 'Ada', email: 'ada@example.com', role: 'admin' });
  });

  it.each([[{}], [{ name: 'Ada' }], [{ name: ' Ada ', email: 'ADA@example.com' }]])('a change to nothing (%j) keeps the ETag', async (patch) => {
    const { user } = await createUserViaApi(t, { name: 'Ada', email: 'ada@example.com' });
    const res = await t.request('PATCH', `/api/users/${user.id}`, { json: patch });
    expect(res.status).toBe(200);
    expect(res.headers.get('ETag')).toBe('"v1"');
    expect((await body(res)).data.updatedAt).toBe(user.updatedAt);
  });

  it('accepts a new password without ever returning it', async () => {
    const { user } = await createUserViaApi(t, { name: 'Ada', email: 'ada@example.com' });
    const res = await t.request('PATCH', `/api/users/${user.id}`, { json: { password: 'a brand new secret' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('ETag')).toBe('"v2"');
    expect(JSON.stringify(await body(res))).not.toMatch(/password|secret|scrypt/i);
  });
});

describe('DELETE /api/users/:id', () => {
  it('answers 204 with no body; the user is gone and a second delete is a 404', async () => {
    const { user } = await createUserViaApi(t, { name: 'Ada', email: 'ada@example.com' });
    const res = await t.request('DELETE', `/api/users/${user.id}`);
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
    expect((await t.request('GET', `/api/users/${user.id}`)).status).toBe(404);
    const again = await t.request('DELETE', `/api/users/${user.id}`);
    expect(again.status).toBe(404);
    expect((await body(again)).error).toEqual({ code: 'NOT_FOUND', message: 'User not found' });
  });

  it('answers 404 for a malformed id', async () => {
    expect((await t.request('DELETE', '/api/users/not-an-id')).status).toBe(404);
  });
});

describe('If-Match', () => {
  async function userAtV3(): Promise<string> {
    const { user } = await createUserViaApi(t, { name: 'Ada', email: 'ada@example.com' });
    await t.request('PATCH', `/api/users/${user.id}`, { json: { name: 'Ada 2' } });
    await t.request('PATCH', `/api/users/${user.id}`, { json: { name: 'Ada 3' } });
    return user.id;
  }
  const patch = (id: string, ifMatch: string) =>
    t.request('PATCH', `/api/users/${id}`, { json: { name: 'Changed' }, headers: { 'If-Match': ifMatch } });

  it('round-trips the ETag of a GET; a stale one is 412 and changes nothing', async () => {
    const id = await userAtV3();
    const etag = (await t.request('GET', `/api/users/${id}`)).headers.get('ETag') as string;
    expect(etag).toBe('"v3"');
    const ok = await patch(id, etag);
    expect(ok.status).toBe(200);
    const stale = await patch(id, etag);
    expect(stale.status).toBe(412);
    expect((await body(stale)).error.code).toBe('PRECONDITION_FAILED');
    expect(stale.headers.has('ETag')).toBe(false);
    expect((await t.request('GET', `/api/users/${id}`)).headers.get('ETag')).toBe('"v4"');
  });

  it.each([['*'], ['"v3"'], ['"v1", "v3"'], ['"v9","v3"'], ['W/"v3", "v3"'], ['  "v3"  '], ['"v1", , "v3"']])('%s matches the current version', async (ifMatch) => {
    expect((await patch(await userAtV3(), ifMatch)).status).toBe(200);
  });

  it.each([['"v2"'], ['W/"v3"'], ['v3'], ['"3"'], ['garbage'], ['"v3'], [''], ['*, "v3"'], ['garbage, "v3"']])('%j does not match: 412', async (ifMatch) => {
    const id = await userAtV3();
    expect((await patch(id, ifMatch)).status).toBe(412);
    expect((await body(await t.request('GET', `/api/users/${id}`))).data.name).toBe('Ada 3');
  });

  it('guards PUT and DELETE too', async () => {
    const id = await userAtV3();
    const full = { name: 'P', email: 'p@example.com', status: 'active', role: 'member' };
    expect((await t.request('PUT', `/api/users/${id}`, { json: full, headers: { 'If-Match': '"v1"' } })).status).toBe(412);
    expect((await t.request('DELETE', `/api/users/${id}`, { headers: { 'If-Match': '"v2"' } })).status).toBe(412);
    expect((await t.request('GET', `/api/users/${id}`)).status).toBe(200);
    expect((await t.request('DELETE', `/api/users/${id}`, { headers: { 'If-Match': '"v3"' } })).status).toBe(204);
  });

  it("is a 404, not a 412, when the user does not exist, even with '*'", async () => {
    const res = await t.request('DELETE', `/api/users/${UNKNOWN_ID}`, { headers: { 'If-Match': '*' } });
    expect(res.status).toBe(404);
  });
});
