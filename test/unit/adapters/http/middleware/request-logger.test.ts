import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from '../../../../../src/adapters/http/env.ts';
import { onError } from '../../../../../src/adapters/http/error-handler.ts';
import { requestLogger } from '../../../../../src/adapters/http/middleware/request-logger.ts';
import { TrustedProxies } from '../../../../../src/adapters/http/trusted-proxies.ts';
import type { Principal } from '../../../../../src/application/ports/token-service.ts';
import { ForbiddenError, ServiceUnavailableError, UnauthorizedError } from '../../../../../src/domain/errors.ts';
import type { UserId } from '../../../../../src/domain/user.ts';
import { collectingLogger, fromAddress, withLogger } from './middleware-kit.ts';

const ALICE = '0190a6f0-0000-7000-8000-00000000a11c' as UserId;
const PRINCIPAL: Principal = { userId: ALICE, email: 'alice@example.com', role: 'member', tokenId: 'jti', sessionId: 'sid', expiresAt: new Date('2100-01-01') };

const PINO = { info: 30, warn: 40, error: 50 };

function appWithRequestLogger(trustedProxies?: TrustedProxies) {
  const { logger, lines } = collectingLogger();
  const app = new Hono<AppEnv>();
  app.onError(onError);
  app.use(withLogger(logger), requestLogger(trustedProxies));
  app.get('/users/:id', (c) => c.json({ id: c.req.param('id') }));
  app.get('/signed-in', (c) => {
    c.set('principal', PRINCIPAL); // as a guard does
    return c.body(null, 204);
  });
  app.get('/refused', (c) => {
    c.set('authentication', Promise.resolve(PRINCIPAL)); // worked out, then the guard refused
    throw new ForbiddenError('Missing permission: users:delete');
  });
  app.get('/bad-token', (c) => {
    const authentication = Promise.reject(new UnauthorizedError('Invalid or expired access token'));
    authentication.catch(() => undefined);
    c.set('authentication', authentication);
    throw new UnauthorizedError('Invalid or expired access token');
  });
  app.post('/upload', () => {
    throw new Error('the body stream broke off');
  });
  app.get('/busy', () => {
    throw new ServiceUnavailableError('Hashing at capacity', 1);
  });
  app.get('/bug', () => {
    throw new Error('a bug');
  });
  const requestLines = () => lines.filter((line) => line.msg !== 'unhandled error');
  return { app, lines, requestLines };
}

describe('requestLogger', () => {
  it('writes one line when the response is known: method, path without the query, status, duration, client address', async () => {
    const { app, lines } = appWithRequestLogger();
    const res = await app.request('/users/42?search=private+terms', {}, fromAddress('203.0.113.9'));
    expect(res.status).toBe(200);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: PINO.info, msg: 'request completed', method: 'GET', path: '/users/42', status: 200, clientAddress: '203.0.113.9' });
    expect(lines[0]?.durationMs).toEqual(expect.any(Number));
    expect(lines[0]).not.toHaveProperty('userId');
    expect(JSON.stringify(lines)).not.toContain('private');
  });

  it('names the client "unknown" without a socket, and the forwarded client behind a trusted proxy', async () => {
    const plain = appWithRequestLogger();
    await plain.app.request('/users/1');
    expect(plain.lines[0]?.clientAddress).toBe('unknown');
    const proxied = appWithRequestLogger(new TrustedProxies(['10.0.0.1']));
    await proxied.app.request('/users/1', { headers: { 'X-Forwarded-For': '198.51.100.4' } }, fromAddress('10.0.0.1'));
    expect(proxied.lines[0]?.clientAddress).toBe('198.51.100.4');
  });

  it("names the user: the guard's principal, or the authentication a refusing guard worked out", async () => {
    const { app, lines } = appWithRequestLogger();
    expect((await app.request('/signed-in')).status).toBe(204);
    expect((await app.request('/refused')).status).toBe(403);
    expect(lines.map((line) => [line.status, line.userId])).toEqual([
      [204, ALICE],
      [403, ALICE],
    ]);
  });

  it('names no user for a token that was refused', async () => {
    const { app, lines } = appWithRequestLogger();
    expect((await app.request('/bad-token')).status).toBe(401);
    expect(lines).toEqual([expect.objectContaining({ level: PINO.info, status: 401, msg: 'request completed' })]);
    expect(lines[0]).not.toHaveProperty('userId');
  });

  it('logs a client that went away as 499 "request aborted", at info', async () => {
    const { app, requestLines } = appWithRequestLogger();
    const gone = new AbortController();
    gone.abort();
    const res = await app.request(new Request('http://localhost/upload', { method: 'POST', signal: gone.signal }), undefined, fromAddress('203.0.113.9'));
    expect(res.status).toBe(499);
    expect(requestLines()).toEqual([
      expect.objectContaining({ level: PINO.info, msg: 'request aborted', method: 'POST', path: '/upload', status: 499, clientAddress: '203.0.113.9' }),
    ]);
  });

  it('logs a 503 as a warning, not an error', async () => {
    const { app, lines } = appWithRequestLogger();
    expect((await app.request('/busy')).status).toBe(503);
    expect(lines).toEqual([expect.objectContaining({ level: PINO.warn, msg: 'request refused: service unavailable', status: 503, path: '/busy' })]);
  });

  it('logs any other 5xx as an error', async () => {
    const { app, requestLines } = appWithRequestLogger();
    expect((await app.request('/bug')).status).toBe(500);
    expect(requestLines()).toEqual([expect.objectContaining({ level: PINO.error, msg: 'request failed', status: 500, path: '/bug' })]);
  });
});
