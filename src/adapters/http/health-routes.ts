import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from './env.ts';
import { HttpError } from './http-error.ts';
import type { OperationSpec } from './openapi/operation-spec.ts';
import { json } from './json-response.ts';

export type CheckStatus = 'up' | 'down' | 'degraded';
export type ReadinessReport = { ready: boolean; checks: Record<string, CheckStatus> };
export type Readiness = () => Promise<ReadinessReport>;

const livezEnvelope = z.object({ data: z.object({ status: z.literal('ok') }) });
const readyzEnvelope = z.object({
  data: z.object({
    status: z.literal('ready'),
    checks: z.record(z.string(), z.enum(['up', 'down', 'degraded'])).meta({ description: 'Each configured dependency' }),
  }),
});

export const livez = {
  method: 'get',
  path: '/livez',
  operationId: 'livez',
  summary: 'Liveness',
  description: 'Answers 200 while the process can serve. Checks no dependency, so a database outage never gets the process restarted.',
  tag: 'Operations',
  success: { 200: { description: 'Alive', schema: livezEnvelope, headers: ['Cache-Control'] } },
  errors: [],
} as const satisfies OperationSpec;

export const readyz = {
  method: 'get',
  path: '/readyz',
  operationId: 'readyz',
  summary: 'Readiness',
  description:
    'Answers 200 when every configured dependency answers, else 503 `SERVICE_UNAVAILABLE` naming those that do not. ' +
    'A dependency the service can work without (Redis: cache and rate limits fall back to PostgreSQL and this process) is named `degraded`: ' +
    'the API keeps answering, more slowly. ' +
    'Answers 503 from the moment shutdown begins, so a load balancer stops routing here while in-flight requests finish.',
  tag: 'Operations',
  success: { 200: { description: 'Ready', schema: readyzEnvelope, headers: ['Cache-Control'] } },
  errors: [503],
} as const satisfies OperationSpec;

export type HealthOptions = {
  readiness: Readiness;
  /** Aborted when shutdown begins: from then on /readyz answers 503 without asking `readiness`. */
  shutdownSignal?: AbortSignal;
  /** A readiness check slower than this counts as failed; a probe must not hang. */
  timeoutMs: number;
};

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`readiness check took longer than ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export function healthRoutes(options: HealthOptions): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get(livez.path, (c) => {
    c.header('Cache-Control', 'no-store');
    return json(c, { data: { status: 'ok' as const } });
  });

  app.get(readyz.path, async (c) => {
    c.header('Cache-Control', 'no-store');
    if (options.shutdownSignal?.aborted) throw new HttpError('SERVICE_UNAVAILABLE', 'Not ready: shutting down');
    let report: ReadinessReport;
    try {
      report = await withTimeout(options.readiness(), options.timeoutMs);
    } catch (err) {
      c.get('logger').warn({ err }, 'readiness check failed');
      throw new HttpError('SERVICE_UNAVAILABLE', 'Not ready: the readiness check failed');
    }
    if (!report.ready) {
      const failing = Object.entries(report.checks).filter(([, status]) => status !== 'up');
      const names = failing.map(([name, status]) => `${name} ${status}`).join(', ');
      throw new HttpError('SERVICE_UNAVAILABLE', names ? `Not ready: ${names}` : 'Not ready');
    }
    return json(c, { data: { status: 'ready' as const, checks: report.checks } });
  });

  return app;
}
