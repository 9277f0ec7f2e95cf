import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../support/postgres.ts';
import { startService, type ServiceProcess } from './service-process.ts';

const REPORT_MODULES = `--import=${fileURLToPath(new URL('../../support/report-optional-modules.ts', import.meta.url))}`;

// The start loads only what the configuration uses (its cost is in docs/benchmarks.md, start-up);
// tracing.test.ts holds the same for OpenTelemetry, and that NATS_URL does load the NATS client.
describe('a service without NATS_URL', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let service: ServiceProcess;

  beforeAll(async () => {
    database = await createTestDatabase();
    service = await startService({ DATABASE_URL: database.url, NATS_URL: '', NODE_OPTIONS: REPORT_MODULES });
  });
  afterAll(async () => {
    if (service) {
      service.child.kill('SIGTERM');
      await service.exit;
    }
    await database?.drop();
  });

  it('never loads the NATS client, and still takes sign-ups with their events in process', async () => {
    const response = await fetch(`${service.url}/api/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'No Broker', email: 'no-broker@example.com', password: 'long enough password' }),
    });
    expect(response.status).toBe(201);
    expect((await fetch(`${service.url}/readyz`)).status).toBe(200);
    expect(service.lines.join('\n').match(/nats module \S+/g) ?? []).toEqual([]);
  });
});
