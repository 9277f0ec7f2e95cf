import { Hono } from 'hono';
import { expect, it } from 'vitest';
import { clientAddress } from '../../../../../src/adapters/http/client-address.ts';
import type { AppEnv } from '../../../../../src/adapters/http/env.ts';
import { edgeForwarded } from '../../../../../src/adapters/http/middleware/edge-forwarded.ts';
import { TrustedProxies } from '../../../../../src/adapters/http/trusted-proxies.ts';

const SECRET = 'the-secret-shared-by-the-edge-and-this-instance';

/** The address the app would count, for a request from `peer` with these headers. */
async function seen(headers: Record<string, string>, trusted?: TrustedProxies): Promise<string> {
  const app = new Hono<AppEnv>();
  app.use('*', edgeForwarded(SECRET));
  app.get('/', (c) => c.text(clientAddress(c, trusted)));
  return (await app.request('/', { headers }, { incoming: { socket: { remoteAddress: '10.0.0.9' } } })).text();
}

it('with the secret, the leftmost entry (the edge\'s) names the client, whatever proxies appended after it', async () => {
  expect(await seen({ 'x-edge-secret': SECRET, 'x-forwarded-for': '203.0.113.7' })).toBe('203.0.113.7');
  expect(await seen({ 'x-edge-secret': SECRET, 'x-forwarded-for': '::ffff:203.0.113.7, 104.16.0.1' })).toBe('203.0.113.7');
});

it('with the secret and no usable entry, the client is unknown (one shared budget), never the text sent', async () => {
  expect(await seen({ 'x-edge-secret': SECRET })).toBe('unknown');
  expect(await seen({ 'x-edge-secret': SECRET, 'x-forwarded-for': '<script>, 203.0.113.7' })).toBe('unknown');
});

it('without the secret, or with a wrong one, the usual rule holds: the peer, or TRUST_PROXY\'s walk', async () => {
  expect(await seen({ 'x-forwarded-for': '203.0.113.7' })).toBe('10.0.0.9');
  expect(await seen({ 'x-edge-secret': `${SECRET}x`, 'x-forwarded-for': '203.0.113.7' })).toBe('10.0.0.9');
  expect(await seen({ 'x-edge-secret': '', 'x-forwarded-for': '203.0.113.7' })).toBe('10.0.0.9');
  expect(await seen({ 'x-forwarded-for': '198.51.100.1, 203.0.113.7' }, new TrustedProxies(['10.0.0.0/8']))).toBe('203.0.113.7');
});
