import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverSpans } from '../../../src/adapters/http/middleware/server-spans.ts';
import { installTracing, noTracing } from '../../../src/adapters/telemetry/tracing.ts';
import { startOtlpReceiver, type OtlpReceiver } from '../../support/otlp-receiver.ts';
import { until } from '../../support/until.ts';

/** The SDK in this process (the exporter reads its endpoint from the environment, as in the service). */
describe('server spans, exported by the OpenTelemetry SDK to a real OTLP/HTTP receiver', () => {
  let receiver: OtlpReceiver;
  let shutdown: (timeoutMs: number) => Promise<void>;
  const app = new Hono();

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    process.env.OTEL_EXPORTER_OTLP_ENDPOINT = receiver.endpoint;
    const { startOtelTracing } = await import('../../../src/adapters/telemetry/otel-tracing.ts');
    const otel = startOtelTracing({ defaultServiceName: 'server-spans-test', exportDelayMs: 50 });
    installTracing(otel.tracing);
    shutdown = otel.shutdown;
    app.use('*', serverSpans());
    app.get('/boom/:id', () => {
      throw new Error('the handler broke');
    });
    app.get('/fine', (c) => c.text('ok'));
    app.onError((_error, c) => c.text('An unexpected error occurred', 500));
  });
  afterAll(async () => {
    installTracing(noTracing);
    await shutdown?.(2_000);
    delete process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
    await receiver?.close();
  });

  const spanNamed = async (name: string) => {
    await until(() => receiver.spans.some((span) => span.name === name), 10_000, `a span named ${name}`);
    return receiver.spans.find((span) => span.name === name)!;
  };

  it('marks a 5xx as an error, naming the route pattern', async () => {
    expect((await app.request('/boom/42')).status).toBe(500);
    const span = await spanNamed('GET /boom/:id');
    expect(span.statusCode).toBe(2);
    expect(span.attributes).toMatchObject({ 'http.route': '/boom/:id', 'http.response.status_code': 500, 'url.path': '/boom/42' });
  });

  it('leaves the status unset on a success, and names an unmatched request by its method alone', async () => {
    expect((await app.request('/fine')).status).toBe(200);
    expect((await spanNamed('GET /fine')).statusCode).toBe(0);
    expect((await app.request('/nowhere', { method: 'DELETE' })).status).toBe(404);
    const unmatched = await spanNamed('DELETE');
    expect(unmatched.attributes['http.route']).toBeUndefined();
    expect(unmatched.attributes['http.response.status_code']).toBe(404);
  });

  it('ignores a malformed traceparent: a new trace, not an error', async () => {
    expect((await app.request('/fine', { headers: { traceparent: 'not-a-trace' } })).status).toBe(200);
    await until(() => receiver.spans.filter((span) => span.name === 'GET /fine').length === 2, 10_000, 'a second GET /fine span');
    expect(receiver.spans.filter((span) => span.name === 'GET /fine').every((span) => span.parentSpanId === '')).toBe(true);
  });
});
