import { createServer } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import { until } from '../../support/until.ts';
import { startService, type ServiceProcess } from './service-process.ts';

/**
 * API.md, Operations: /metrics is not public in production. With METRICS_PORT it is served on
 * that port only; with NODE_ENV=production and neither METRICS_PORT nor METRICS_TOKEN the public
 * port answers 404 for it and the start warns once. The real entry point, real sockets.
 */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function stop(service: ServiceProcess): Promise<void> {
  service.child.kill('SIGTERM');
  expect(await service.exit).toBe(0);
}

describe('/metrics off the public port', () => {
  it('with METRICS_PORT: served there (with METRICS_TOKEN when set), 404 on PORT', async () => {
    const metricsPort = await freePort();
    const token = 'scrape-token-0123456789';
    const service = await startService({ DATA_DIR: 'memory', METRICS_PORT: String(metricsPort), METRICS_TOKEN: token });
    try {
      await until(() => service.lines.some((line) => line.includes('"metrics listening"')), 10_000, 'metrics listener');
      const publicPort = await fetch(`${service.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
      expect(publicPort.status).toBe(404);
      expect(((await publicPort.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');

      const scraped = await fetch(`http://127.0.0.1:${metricsPort}/metrics`, { headers: { authorization: `Bearer ${token}` } });
      expect(scraped.status).toBe(200);
      expect(await scraped.text()).toContain('process_cpu_user_seconds_total');
      const anonymous = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers.get('www-authenticate')).toMatch(/^Bearer /);
      // The metrics port serves nothing of the API.
      expect((await fetch(`http://127.0.0.1:${metricsPort}/livez`)).status).toBe(404);
    } finally {
      await stop(service);
    }
  }, 60_000);

  it('in production with neither: 404 on the public port, and one warning at start', async () => {
    const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    const service = await startService({ DATA_DIR: 'memory', NODE_ENV: 'production', CURSOR_SECRET: 'metrics-test-cursor-secret-0123456789', JWT_PRIVATE_KEY: JSON.stringify(await exportJWK(privateKey)) });
    try {
      const res = await fetch(`${service.url}/metrics`);
      expect(res.status).toBe(404);
      await fetch(`${service.url}/metrics`);
      expect(service.lines.filter((line) => line.includes('/metrics is not served'))).toHaveLength(1);
      expect((await fetch(`${service.url}/livez`)).status).toBe(200);
    } finally {
      await stop(service);
    }
  }, 60_000);
});
