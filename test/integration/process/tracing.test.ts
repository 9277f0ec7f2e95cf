import { fileURLToPath } from 'node:url';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerTrace } from '../../support/caller-trace.ts';
import { startPrivateNats, type PrivateNats } from '../../support/nats-server.ts';
import { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from '../../support/otlp-receiver.ts';
import { createTestDatabase } from '../../support/postgres.ts';
import { until } from '../../support/until.ts';
import { startService, type ServiceProcess } from './service-process.ts';

const REPORT_MODULES = `--import=${fileURLToPath(new URL('../../support/report-optional-modules.ts', import.meta.url))}`;
const SERVER = 2;
const CLIENT = 3;
const CONSUMER = 5;
const ERROR = 2;

async function register(url: string, email: string, traceparent: string): Promise<string> {
  const response = await fetch(`${url}/api/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', traceparent },
    body: JSON.stringify({ name: 'Traced Person', email, password: 'long enough password' }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { data: { id: string } }).data.id;
}

/** The `user.created` message on EVENTS for that user (the stream's last on its subject: each test registers one user). */
async function publishedUserCreated(nc: NatsConnection, userId: string) {
  const jsm = await jetstreamManager(nc);
  let message: Awaited<ReturnType<typeof jsm.streams.getMessage>> = null;
  await until(async () => {
    message = await jsm.streams.getMessage('EVENTS', { last_by_subj: 'events.user.created' }).catch(() => null);
    return message !== null && (message.json() as { data: { id: string } }).data.id === userId;
  }, 15_000, 'the user.created event on NATS');
  return message!;
}

function stopped(service: ServiceProcess): Promise<number | null> {
  service.child.kill('SIGTERM');
  return service.exit;
}

const openTelemetryModules = (service: ServiceProcess) => service.lines.join('\n').match(/opentelemetry module \S+/g) ?? [];
const tracingOnlyModules = (service: ServiceProcess) => service.lines.join('\n').match(/tracing-only module \S+/g) ?? [];

describe('tracing on: OTEL_EXPORTER_OTLP_ENDPOINT set (PostgreSQL, NATS, a real OTLP/HTTP receiver)', () => {
  let receiver: OtlpReceiver;
  let nats: PrivateNats;
  let nc: NatsConnection;
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let service: ServiceProcess;

  beforeAll(async () => {
    [receiver, nats, database] = await Promise.all([startOtlpReceiver(), startPrivateNats(), createTestDatabase()]);
    nc = await connect({ servers: nats.url });
    service = await startService({
      DATABASE_URL: database.url,
      NATS_URL: nats.url,
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
      OTEL_SERVICE_NAME: 'users-service-under-test',
      OTEL_BSP_SCHEDULE_DELAY: '100',
      NODE_OPTIONS: REPORT_MODULES,
    });
  });
  afterAll(async () => {
    if (service) await stopped(service);
    await nc?.close();
    await Promise.all([nats?.stop(), database?.drop(), receiver?.close()]);
  });

  it('follows one trace from the caller through the request, its event on NATS and the consumer to the welcome job', async () => {
    const caller = callerTrace();
    const userId = await register(service.url, 'traced@example.com', caller.traceparent);
    const inTrace = () => receiver.spans.filter((span) => span.traceId === caller.traceId);
    const named = (name: string) => inTrace().find((span) => span.name === name);
    // The job's message leaves just before its transaction commits: an early delivery finds no row
    // and comes again ('again'), in the same trace; the one that ran it says 'done'.
    const jobDone = () => inTrace().find((span) => span.name === 'process jobs.email.welcome' && span.attributes['job.verdict'] === 'done');
    await until(() => jobDone() !== undefined, 20_000, 'the span of the welcome job that ran');

    const server = named('POST /api/auth/register') as ReceivedSpan;
    expect(server).toMatchObject({ kind: SERVER, parentSpanId: caller.spanId, serviceName: 'users-service-under-test' });
    expect(server.attributes).toMatchObject({ 'http.request.method': 'POST', 'http.route': '/api/auth/register', 'http.response.status_code': 201 });
    expect(server.statusCode).not.toBe(ERROR);
    // The request's transaction is a child of its server span.
    expect(inTrace().some((span) => span.name === 'db transaction' && span.kind === CLIENT && span.parentSpanId === server.spanId)).toBe(true);

    const message = await publishedUserCreated(nc, userId);
    expect(message.header.get('traceparent')).toMatch(new RegExp(`^00-${caller.traceId}-[0-9a-f]{16}-01$`));

    const consumer = named('process events.user.created') as ReceivedSpan;
    expect(consumer.kind).toBe(CONSUMER);
    expect(consumer.attributes).toMatchObject({ 'messaging.system': 'nats', 'messaging.message.id': message.header.get('Nats-Msg-Id') });
    // The consumer's parent is the span the event's traceparent names.
    expect(consumer.parentSpanId).toBe(message.header.get('traceparent').split('-')[2]);
    expect(jobDone()).toMatchObject({ kind: CONSUMER, attributes: { 'messaging.destination.name': 'jobs.email.welcome' } });

    // Log lines name their trace.
    const requestLine = service.lines.map((line) => JSON.parse(line.startsWith('{') ? line : '{}') as Record<string, unknown>).find((line) => line.msg === 'request completed' && line.path === '/api/auth/register');
    expect(requestLine).toMatchObject({ traceId: caller.traceId, spanId: server.spanId });
  });

  it('starts a new trace for a request without a traceparent, named by its route pattern, not its path', async () => {
    const response = await fetch(`${service.url}/api/users/0190a8d4-0000-7000-8000-000000000000`);
    expect(response.status).toBe(401);
    await until(() => receiver.spans.some((span) => span.name === 'GET /api/users/:id'), 10_000, 'the span of the GET');
    const span = receiver.spans.find((found) => found.name === 'GET /api/users/:id') as ReceivedSpan;
    expect(span.parentSpanId).toBe('');
    expect(span.attributes).toMatchObject({ 'http.route': '/api/users/:id', 'http.response.status_code': 401, 'url.path': '/api/users/0190a8d4-0000-7000-8000-000000000000' });
  });

  it('loads the SDK, the traced PostgreSQL driver and the Redis command spans (the checks the tracing-off test relies on see them)', () => {
    expect(openTelemetryModules(service).join('\n')).toContain('@opentelemetry/sdk-trace');
    expect(tracingOnlyModules(service).join('\n')).toContain('/traced-postgresql-driver.ts');
    expect(tracingOnlyModules(service).join('\n')).toContain('/otel-redis-spans.ts');
  });
});

/** A service of its own (PostgreSQL, in-process transports) exporting to a receiver of its own, both gone after `work`. */
async function withTracedService(env: Record<string, string>, work: (service: ServiceProcess, receiver: OtlpReceiver) => Promise<void>): Promise<void> {
  const [receiver, database] = await Promise.all([startOtlpReceiver(), createTestDatabase()]);
  let service: ServiceProcess | undefined;
  try {
    service = await startService({ DATABASE_URL: database.url, OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint, ...env });
    await work(service, receiver);
  } finally {
    if (service?.child.exitCode === null) await stopped(service);
    await Promise.all([receiver.close(), database.drop()]);
  }
}

describe('tracing on without NATS: the in-process event bus and job queue carry the trace too', () => {
  it('continues the sign-up trace in the consumer and the welcome job', () =>
    withTracedService({ OTEL_BSP_SCHEDULE_DELAY: '100' }, async (service, receiver) => {
      const caller = callerTrace();
      await register(service.url, 'in-process@example.com', caller.traceparent);
      const inTrace = (name: string) => receiver.spans.find((span) => span.traceId === caller.traceId && span.name === name);
      await until(() => receiver.spans.some((span) => span.traceId === caller.traceId && span.attributes['job.verdict'] === 'done'), 20_000, 'the span of the welcome job that ran');
      expect(inTrace('POST /api/auth/register')?.parentSpanId).toBe(caller.spanId);
      expect(inTrace('process events.user.created')?.attributes['messaging.system']).toBe('in_process');
      expect(inTrace('process jobs.email.welcome')?.attributes['messaging.system']).toBe('in_process');
    }), 90_000);
});

describe('graceful shutdown flushes the spans not yet exported', () => {
  it('exports at SIGTERM the span of a request made just before, with the batch delay far away', () =>
    withTracedService({ OTEL_BSP_SCHEDULE_DELAY: '600000' }, async (service, receiver) => {
      const caller = callerTrace();
      expect((await fetch(`${service.url}/livez`, { headers: { traceparent: caller.traceparent } })).status).toBe(200);
      expect(receiver.spans.some((span) => span.traceId === caller.traceId)).toBe(false);
      expect(await stopped(service)).toBe(0);
      expect(receiver.spans.find((span) => span.traceId === caller.traceId)).toMatchObject({ name: 'GET /livez', parentSpanId: caller.spanId });
    }), 90_000);
});

describe('tracing off: no OTLP endpoint', () => {
  let nats: PrivateNats;
  let nc: NatsConnection;
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let service: ServiceProcess;

  beforeAll(async () => {
    [nats, database] = await Promise.all([startPrivateNats(), createTestDatabase()]);
    nc = await connect({ servers: nats.url });
    service = await startService({ DATABASE_URL: database.url, NATS_URL: nats.url, NODE_OPTIONS: REPORT_MODULES });
  });
  afterAll(async () => {
    if (service) await stopped(service);
    await nc?.close();
    await Promise.all([nats?.stop(), database?.drop()]);
  });

  it('publishes events without a traceparent, even for a request that came with one, and logs no trace ids', async () => {
    const caller = callerTrace();
    const userId = await register(service.url, 'untraced@example.com', caller.traceparent);
    const message = await publishedUserCreated(nc, userId);
    expect(message.header.has('traceparent')).toBe(false);
    expect(message.header.get('ce-type')).toBe('user.created'); // the contract's headers are there
    expect(service.lines.join('\n')).not.toContain('traceId');
  });

  it('loads the NATS client NATS_URL asks for (optional-modules.test.ts: none without it)', () => {
    expect(service.lines.join('\n')).toMatch(/nats module @nats-io\/transport-node /);
  });

  it('never loads the OpenTelemetry SDK', () => {
    const sdk = openTelemetryModules(service).filter((line) => !line.endsWith('@opentelemetry/api'));
    expect(sdk).toEqual([]);
  });

  it("opens the database on MikroORM's own driver: the traced one, and the Redis command spans, are never loaded", () => {
    expect(tracingOnlyModules(service)).toEqual([]);
  });
});
