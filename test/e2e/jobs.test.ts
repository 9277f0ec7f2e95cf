import { beforeEach, describe, expect, it } from 'vitest';
import type { User } from '../../src/domain/user.ts';
import { aUser } from '../support/builders.ts';
import { buildHttpApp, type TestApp } from '../support/http-app.ts';
import { body, type Json } from '../support/json.ts';

/** POST /api/users/exports and /api/jobs (API.md, "Background jobs"), over the in-memory app. */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const UNKNOWN_ID = '01890a5d-ac96-774b-bcce-b302099a8057';
const HEADER = 'id,name,email,role,status,createdAt,updatedAt';

let t: TestApp;

beforeEach(() => {
  t = buildHttpApp();
});

/** Stores a user directly (no scrypt, no API): the export reads the table, not how rows got there. */
function seed(name: string, options: { status?: User['status']; role?: User['role']; email?: string; at: string }): User {
  const user = aUser().withName(name).withStatus(options.status ?? 'active').withRole(options.role ?? 'member').createdAt(options.at);
  const built = (options.email ? user.withEmail(options.email) : user).build();
  t.uow.users.rows.set(built.id, built);
  return built;
}

/** Starts an export and returns its job id, checking the 202 on the way. */
async function startExport(filters: Json = {}, as?: string): Promise<string> {
  const res = await t.request('POST', '/api/users/exports', { json: filters, as });
  expect(res.status, await res.clone().text()).toBe(202);
  return (await body(res)).data.id as string;
}

/** The CSV's data lines, the header line checked and dropped. */
async function csvRows(id: string): Promise<string[]> {
  const res = await t.request('GET', `/api/jobs/${id}/result`);
  expect(res.status).toBe(200);
  const [header, ...rows] = (await res.text()).split('\r\n');
  expect(header).toBe(HEADER);
  expect(rows.pop()).toBe(''); // every line, the last included, ends with CRLF
  return rows;
}

const idsIn = (rows: string[]) => rows.map((row) => row.split(',')[0]);

describe('POST /api/users/exports', () => {
  it('answers 202 with the queued job, and Location is where its state is served', async () => {
    const res = await t.request('POST', '/api/users/exports', { json: { status: 'active' } });
    expect(res.status).toBe(202);
    const { data } = await body(res);
    // Exactly the contract's fields: the filters (`data`), the owner and the lease stay inside.
    expect(data).toEqual({
      id: expect.stringMatching(UUID),
      type: 'users.export',
      status: 'queued',
      attempts: 0,
      maxAttempts: 3,
      createdAt: expect.stringMatching(/Z$/),
      updatedAt: data.createdAt,
    });
    expect(res.headers.get('Location')).toBe(`/api/jobs/${data.id}`);
    const followed = await t.request('GET', res.headers.get('Location') as string);
    expect(followed.status).toBe(200);
    expect(await body(followed)).toEqual({ data });
  });

  it('runs the job to succeeded, whose result is every user as CSV, quoted and formula-safe', async () => {
    const formula = seed('=cmd', { at: '2020-01-01T00:00:00.000Z' });
    const comma = seed('Smith, John', { at: '2020-01-02T00:00:00.000Z', status: 'inactive', role: 'admin' });
    const quotes = seed('Say "hi"', { at: '2020-01-03T00:00:00.000Z' });
    const id = await startExport();
    await t.runJobs();

    const job = (await body(await t.request('GET', `/api/jobs/${id}`))).data;
    expect(job).toMatchObject({ status: 'succeeded', attempts: 1 });
    expect(job).not.toHaveProperty('error');

    const res = await t.request('GET', `/api/jobs/${id}/result`);
    expect(res.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('Content-Disposition')).toBe(`attachment; filename="users-export-${id}.csv"`);
    const line = (u: User, name: string) => `${u.id},${name},${u.email},${u.role},${u.status},${u.createdAt.toISOString()},${u.updatedAt.toISOString()}`;
    // Oldest first: the seeded admin (2000) leads.
    expect(await csvRows(id)).toEqual([
      line(t.admin, 'Test Admin'),
      line(formula, "'=cmd"),
      line(comma, '"Smith, John"'),
      line(quotes, '"Say ""hi"""'),
    ]);
  });

  it('exports exactly the users the filters match, as GET /api/users would list them', async () => {
    const active = seed('Opal Member', { at: '2020-01-01T00:00:00.000Z', email: 'opal@example.com' });
    const suspended = seed('Quinn', { at: '2020-01-02T00:00:00.000Z', status: 'suspended' });
    const admin = seed('Rory', { at: '2020-01-03T00:00:00.000Z', role: 'admin', email: 'rory.opal@example.org' });
    const bySuspended = await startExport({ status: 'suspended' });
    const byRole = await startExport({ role: 'admin' });
    const bySearch = await startExport({ search: 'OPAL' }); // name or email, case-insensitively
    await t.runJobs(); // at most 3 exports in progress per user
    const combined = await startExport({ search: 'opal', role: 'member' });
    await t.runJobs();

    expect(idsIn(await csvRows(bySuspended))).toEqual([suspended.id]);
    expect(idsIn(await csvRows(byRole))).toEqual([t.admin.id, admin.id]);
    expect(idsIn(await csvRows(bySearch))).toEqual([active.id, admin.id]);
    expect(idsIn(await csvRows(combined))).toEqual([active.id]);
  });

  it('refuses an unknown property or a bad filter value, naming each in fields, and queues nothing', async () => {
    const res = await t.request('POST', '/api/users/exports', { json: { status: 'gone', format: 'xlsx' } });
    expect(res.status).toBe(400);
    const { error } = await body(res);
    expect(error.code).toBe('VALIDATION_ERROR');
    expect(error.fields).toEqual({ status: expect.stringContaining('active, inactive, suspended'), format: '"format" is not a known property' });
    expect(t.uow.jobs.rows.size).toBe(0);
    expect(t.uow.outbox.jobRows.size).toBe(0);
  });

  it('needs a token', async () => {
    const res = await t.request('POST', '/api/users/exports', { json: {}, as: null });
    expect(res.status).toBe(401);
    expect(t.uow.jobs.rows.size).toBe(0);
  });
});

describe('exports in progress per user', () => {
  it('refuses a 4th export while 3 are queued, with 429 and Retry-After, and takes it once one has finished', async () => {
    // Exports need users:export, which only admins hold: the cap is per admin, not for all of them.
    const busy = seed('Busy Admin', { at: '2024-01-01T00:00:00.000Z', role: 'admin' });
    const token = await t.tokenFor(busy);
    for (let i = 0; i < 3; i++) await startExport({}, token);
    const refused = await t.request('POST', '/api/users/exports', { json: {}, as: token });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('5');
    expect((await body(refused)).error).toEqual({ code: 'RATE_LIMITED', message: 'At most 3 exports may be queued or running at once; try again when one has finished' });
    // Another user is not held back by this one's exports.
    await startExport({});
    await t.runJobs();
    await startExport({}, token);
  });
});

describe('GET /api/jobs/:id and /result', () => {
  it('answers 409 CONFLICT for the result of a job that has not succeeded yet', async () => {
    const id = await startExport(); // no worker runs: the job stays queued
    const res = await t.request('GET', `/api/jobs/${id}/result`);
    expect(res.status).toBe(409);
    expect(await body(res)).toEqual({ error: { code: 'CONFLICT', message: expect.stringContaining('queued') } });
  });

  it('shows a job that ran out of attempts as failed, with its error, and without a result', async () => {
    const id = await startExport();
    // Data that cannot have come through the API (it is validated there) makes every attempt fail.
    const row = t.uow.jobs.rows.get(id)!;
    t.uow.jobs.rows.set(id, { ...row, job: { ...row.job, data: { status: 'gone' } } });
    await t.runJobs();
    const { data } = await body(await t.request('GET', `/api/jobs/${id}`));
    expect(data).toMatchObject({ status: 'failed', attempts: 3, maxAttempts: 3, error: expect.any(String) });
    expect((await t.request('GET', `/api/jobs/${id}/result`)).status).toBe(409);
  });

  it("is the owner's and the admins': a member is told the job does not exist", async () => {
    const owner = seed('Owner', { at: '2020-01-01T00:00:00.000Z', role: 'admin' });
    const other = seed('Other', { at: '2020-01-02T00:00:00.000Z' });
    const [ownerToken, otherToken] = [await t.tokenFor(owner), await t.tokenFor(other)];
    const id = await startExport({}, ownerToken); // only admins hold users:export
    await t.runJobs();

    for (const path of [`/api/jobs/${id}`, `/api/jobs/${id}/result`]) {
      const refused = await t.request('GET', path, { as: otherToken });
      expect(refused.status, path).toBe(404);
      expect(await body(refused)).toEqual({ error: { code: 'NOT_FOUND', message: 'Job not found' } });
      expect((await t.request('GET', path, { as: ownerToken })).status, path).toBe(200);
      expect((await t.request('GET', path)).status, path).toBe(200); // the seeded admin
    }
  });

  it('keeps the CSV from an owner who has since lost users:export: an admin made a member gets 403', async () => {
    const owner = seed('Demoted', { at: '2020-01-01T00:00:00.000Z', role: 'admin' });
    const ownerToken = await t.tokenFor(owner);
    const id = await startExport({}, ownerToken);
    await t.runJobs();
    expect((await t.request('GET', `/api/jobs/${id}/result`, { as: ownerToken })).status).toBe(200);
    expect((await t.request('PATCH', `/api/users/${owner.id}`, { json: { role: 'member' } })).status).toBe(200);
    const refused = await t.request('GET', `/api/jobs/${id}/result`, { as: ownerToken });
    expect(refused.status).toBe(403);
    expect(await body(refused)).toEqual({ error: { code: 'FORBIDDEN', message: 'Missing permission: users:export' } });
    expect((await t.request('GET', `/api/jobs/${id}`, { as: ownerToken })).status).toBe(200); // its state stays the owner's
  });

  it.each([['nope'], [UNKNOWN_ID], [`${UNKNOWN_ID.slice(0, -1)}g`]])('answers 404 Job not found for the id %s', async (id) => {
    for (const path of [`/api/jobs/${id}`, `/api/jobs/${id}/result`]) {
      const res = await t.request('GET', path);
      expect(res.status, path).toBe(404);
      expect(await body(res)).toEqual({ error: { code: 'NOT_FOUND', message: 'Job not found' } });
    }
  });

  it('needs a token, before saying whether the job exists', async () => {
    const id = await startExport();
    for (const path of [`/api/jobs/${id}`, `/api/jobs/${id}/result`, '/api/jobs/nope']) {
      const res = await t.request('GET', path, { as: null });
      expect(res.status, path).toBe(401);
      expect(res.headers.get('WWW-Authenticate')).toMatch(/^Bearer /);
    }
  });
});
