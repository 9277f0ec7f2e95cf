import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { COMPATIBILITY_DATE } from '../../../scripts/workerd-config.ts';

const CONFIG = fileURLToPath(new URL('../../../deploy/edge/wrangler.jsonc', import.meta.url));

/** JSONC: comments out (none of this file's strings holds `//`), then JSON. */
const parsed = JSON.parse(readFileSync(CONFIG, 'utf8').replace(/^\s*\/\/.*$/gm, '')) as Record<string, unknown>;

it('deploys what the tests run: the built bundle, unbundled again, at the tested compatibility date', () => {
  expect(parsed.main).toBe('../../dist/edge/edge.js');
  expect(new URL(String(parsed.main), new URL('file:///repo/deploy/edge/wrangler.jsonc')).pathname).toBe('/repo/dist/edge/edge.js');
  expect(parsed.no_bundle).toBe(true);
  expect(parsed.compatibility_date).toBe(COMPATIBILITY_DATE);
});

it('believes CF-Connecting-IP (Cloudflare sets it), reaches PostgreSQL through Hyperdrive, and keeps secrets out', () => {
  expect(parsed.vars).toMatchObject({ NODE_ENV: 'production', TRUST_CF_CONNECTING_IP: 'true' });
  expect(parsed.hyperdrive).toEqual([{ binding: 'HYPERDRIVE', id: expect.any(String) }]);
  for (const secret of ['JWT_PRIVATE_KEY', 'CURSOR_SECRET', 'DATABASE_URL', 'METRICS_TOKEN']) expect(Object.keys(parsed.vars as object)).not.toContain(secret);
});
