import { describe, expect, it } from 'vitest';
import { buildHttpApp } from '../support/http-app.ts';
import { body, type Json } from '../support/json.ts';

/**
 * How the job routes sit among the others: `/api/users/exports` is a literal path next to
 * `/api/users/:id`, which matches it too, so its methods, metrics and docs are checked here.
 */

const UNKNOWN_ID = '01890a5d-ac96-774b-bcce-b302099a8057';

describe('/api/users/exports among the /api/users/:id routes', () => {
  it.each(['GET', 'HEAD', 'PUT', 'PATCH', 'DELETE'])('%s is a 405 with Allow: POST, OPTIONS, not a user lookup', async (method) => {
    const t = buildHttpApp();
    const json = ['PUT', 'PATCH'].includes(method) ? { name: 'x' } : undefined;
    const res = await t.request(method, '/api/users/exports', { json });
    expect(res.status).toBe(405);
    expect(res.headers.get('Allow')).toBe('POST, OPTIONS');
    if (method !== 'HEAD') expect((await body(res)).error.code).toBe('METHOD_NOT_ALLOWED');
  });

  it('OPTIONS lists its own methods, and /api/users/:id keeps its own', async () => {
    const t = buildHttpApp();
    const exports = await t.request('OPTIONS', '/api/users/exports');
    expect([exports.status, exports.headers.get('Allow')]).toEqual([204, 'POST, OPTIONS']);
    const user = await t.request('OPTIONS', `/api/users/${UNKNOWN_ID}`);
    expect(user.headers.get('Allow')).toBe('GET, HEAD, PUT, PATCH, DELETE, OPTIONS');
    expect((await t.request('GET', `/api/users/${t.admin.id}`)).status).toBe(200);
  });

  it('is counted in the metrics under its own route, not /api/users/:id', async () => {
    const t = buildHttpApp();
    expect((await t.request('POST', '/api/users/exports', { json: {} })).status).toBe(202);
    const metrics = await (await t.request('GET', '/metrics')).text();
    expect(metrics).toContain('http_requests_total{method="POST",route="/api/users/exports",status="202"} 1');
  });

  it('refuses query parameters and bodies that are not JSON, like every other POST', async () => {
    const t = buildHttpApp();
    const query = await t.request('POST', '/api/users/exports?dryRun=1', { json: {} });
    expect(query.status).toBe(400);
    expect((await body(query)).error.fields).toEqual({ dryRun: '"dryRun" is not a known query parameter' });
    const text = await t.request('POST', '/api/users/exports', { headers: { 'Content-Type': 'text/plain' } });
    expect(text.status).toBe(415);
    expect(t.uow.jobs.rows.size).toBe(0);
  });
});

describe('/api/jobs/:id and /result', () => {
  it('serve GET and HEAD only', async () => {
    const t = buildHttpApp();
    for (const path of [`/api/jobs/${UNKNOWN_ID}`, `/api/jobs/${UNKNOWN_ID}/result`]) {
      const res = await t.request('DELETE', path);
      expect([res.status, res.headers.get('Allow')], path).toEqual([405, 'GET, HEAD, OPTIONS']);
    }
  });

  it('HEAD answers like GET, without the body', async () => {
    const t = buildHttpApp();
    const location = (await t.request('POST', '/api/users/exports', { json: {} })).headers.get('Location') as string;
    await t.runJobs();
    const res = await t.request('HEAD', `${location}/result`);
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
    expect(await res.text()).toBe('');
  });

  it('refuse unknown query parameters', async () => {
    const t = buildHttpApp();
    const location = (await t.request('POST', '/api/users/exports', { json: {} })).headers.get('Location') as string;
    expect((await t.request('GET', `${location}?verbose=1`)).status).toBe(400);
  });
});

describe('the jobs in /openapi.json', async () => {
  const doc = (await (await buildHttpApp().request('GET', '/openapi.json', { as: null })).json()) as Json;
  const ref = (name: string) => ({ $ref: `#/components/responses/${name}` });

  it('documents the export: users:export, a strict body of the listing filters, a 202 with Location', () => {
    const op = doc.paths['/api/users/exports'].post;
    expect(op['x-permission']).toBe('users:export');
    const schema = doc.components.schemas.StartUsersExportBody;
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties).sort()).toEqual(['role', 'search', 'status']);
    expect(schema.properties.status.enum).toEqual(doc.paths['/api/users'].get.parameters.find((p: Json) => p.name === 'status').schema.enum);
    expect(op.responses['202'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/JobEnvelope' });
    expect(Object.keys(op.responses['202'].headers)).toEqual(expect.arrayContaining(['Location', 'RateLimit']));
  });

  it('documents the job and its result: signed in (no permission), 404, and the CSV or a 409 (or a 403 once users:export is lost)', () => {
    const job = doc.paths['/api/jobs/{id}'].get;
    const result = doc.paths['/api/jobs/{id}/result'].get;
    for (const op of [job, result]) {
      expect(op.security).toEqual([{ bearerAuth: [] }]);
      expect(op).not.toHaveProperty('x-permission');
      expect(op.responses['404']).toEqual(ref('NotFound'));
    }
    expect(job.responses).not.toHaveProperty('403');
    expect(result.responses['403']).toEqual(ref('Forbidden'));
    expect(result.responses['409']).toEqual(ref('Conflict'));
    expect(Object.keys(result.responses['200'].content)).toEqual(['text/csv; charset=utf-8']);
    expect(result.responses['200'].headers).toHaveProperty('Content-Disposition');
    expect(Object.keys(doc.components.schemas.Job.properties).sort()).toEqual(
      ['attempts', 'createdAt', 'error', 'id', 'maxAttempts', 'status', 'type', 'updatedAt'],
    );
  });
});
