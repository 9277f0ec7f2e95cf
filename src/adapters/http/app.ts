import { Hono } from 'hono';
import type { JSONWebKeySet } from 'jose';
import type { Logger } from 'pino';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { authEndpoints } from './auth/auth-endpoints.ts';
import { authRoutes } from './auth/auth-routes.ts';
import { docsAsset, docsPage, docsRoutes, home, openApiJson } from './docs-routes.ts';
import type { AppEnv } from './env.ts';
import { onError, onNotFound } from './error-handler.ts';
import { healthRoutes, livez, readyz, type Readiness } from './health-routes.ts';
import { jobEndpoints } from './jobs/job-endpoints.ts';
import { jobRoutes } from './jobs/job-routes.ts';
import { metricsOperation, metricsRoutes, type MetricsAccess } from './metrics-routes.ts';
import { httpMetrics } from './middleware/http-metrics.ts';
import { answerUnservedMethods, literalPathsFirst } from './method-routing.ts';
import { DEFAULT_BODY_LIMIT_BYTES } from './middleware/json-body.ts';
import { edgeForwarded } from './middleware/edge-forwarded.ts';
import { generalRateLimit, type GeneralRateLimit } from './middleware/rate-limit.ts';
import { requestContext } from './middleware/request-context.ts';
import { requestLogger } from './middleware/request-logger.ts';
import { securityHeaders } from './middleware/security-headers.ts';
import { serverSpans } from './middleware/server-spans.ts';
import { API_DESCRIPTION, NAMED_SCHEMAS } from './openapi/api-description.ts';
import { buildOpenApiDocument } from './openapi/openapi-document.ts';
import type { OperationSpec } from './openapi/operation-spec.ts';
import { postEndpoints } from './posts/post-endpoints.ts';
import { postRoutes } from './posts/post-routes.ts';
import { userEndpoints } from './users/user-endpoints.ts';
import { userRoutes } from './users/user-routes.ts';
import type { AuthUseCases } from '../../application/auth/index.ts';
import type { JobUseCases } from '../../application/jobs/index.ts';
import type { PostUseCases } from '../../application/posts/index.ts';
import type { UserUseCases } from '../../application/users/index.ts';
import type { IdempotentCreation } from '../../application/shared/idempotent-creation.ts';

export type { AppEnv } from './env.ts';
export type { ReadinessReport } from './health-routes.ts';

export type HttpDependencies = {
  users: UserUseCases;
  posts: PostUseCases;
  auth: AuthUseCases;
  /** Idempotency-Key on every create (API.md, Idempotent creation). */
  idempotency: IdempotentCreation;
  /** Starting exports and following jobs; the workers that run them are wired apart (src/composition/jobs.ts). */
  jobs: JobUseCases;
  /** The public keys that verify access tokens, served at /.well-known/jwks.json. */
  jwks: () => JSONWebKeySet;
  logger: Logger;
  /** Asked by GET /readyz: `ready: false` answers 503 naming every check that is `down`. */
  readiness: Readiness;
  /** The general limit per client on every /api request (the authenticator is `auth.authenticate`). */
  rateLimit: Omit<GeneralRateLimit, 'authenticate'>;
  /** PASSWORD_ORIGIN_SECRET on the Node instance the edge forwards to: whose X-Forwarded-For it believes (middleware/edge-forwarded.ts). */
  edgeSecret?: string;
  /** Largest accepted request body; default 1 MiB. */
  bodyLimitBytes?: number;
  /**
   * Abort it when shutdown begins: /readyz answers 503 from then on, without asking `readiness`,
   * while every other route keeps serving the requests still arriving or in flight.
   */
  shutdownSignal?: AbortSignal;
  /** A readiness check slower than this is a 503 rather than a hung probe; default 5000 ms. */
  readinessTimeoutMs?: number;
  /**
   * Where /metrics reads from; other adapters (cache, outbox) register their series on the same
   * one. Default: a fresh registry with the process metrics, so two apps in one process (tests)
   * never share counters.
   */
  metrics?: Registry;
  /**
   * Who may read /metrics on this app: `public` (the default, for development), `{ token }`
   * (METRICS_TOKEN), or `hidden` (404: served on METRICS_PORT instead, or production without either).
   */
  metricsAccess?: MetricsAccess;
  /** A server span per request (OpenTelemetry), when tracing is on; off, not even the middleware runs. */
  serverSpans?: boolean;
};

export const API_VERSION = '1.0.0';

/** Every documented operation; a test checks it against the routes the app really serves. */
export const OPERATIONS: readonly OperationSpec[] = [...userEndpoints, ...postEndpoints, ...jobEndpoints, ...authEndpoints, livez, readyz, metricsOperation, openApiJson, docsPage, docsAsset, home];

/**
 * The HTTP inbound adapter: turns requests into use-case calls and results into the contract's
 * JSON. Runtime-neutral (only `app.fetch`), so Node, Deno, Bun and tests (`app.request()`) share it.
 *
 * Middleware order matters. requestContext comes first so that everything after it, the error
 * handler included, has a request id and logger; the logger and security headers then see the
 * final response, errors and 404s included, because Hono resolves an error into a response at
 * the layer that threw it.
 */
export function createApp(deps: HttpDependencies): Hono {
  const app = new Hono<AppEnv>();
  const registry = deps.metrics ?? defaultRegistry();
  if (deps.serverSpans) app.use('*', serverSpans());
  app.use('*', requestContext(deps.logger));
  if (deps.edgeSecret !== undefined) app.use('*', edgeForwarded(deps.edgeSecret)); // before anything asks for the client address
  app.use('*', requestLogger(deps.rateLimit.trustedProxies), httpMetrics(registry), securityHeaders());
  // No global authenticator: each route's guard (middleware/auth-guards.ts) comes from its
  // OperationSpec, so what is documented as protected is exactly what is protected.

  let document: Record<string, unknown> | undefined;
  const openApi = () =>
    (document ??= buildOpenApiDocument({
      info: { title: 'Users service', version: API_VERSION, description: API_DESCRIPTION },
      operations: OPERATIONS,
      schemas: NAMED_SCHEMAS,
    }));

  const bodyLimitBytes = deps.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES;
  app.use('/api/*', generalRateLimit({ ...deps.rateLimit, authenticate: deps.auth.authenticate }));
  // `/api/users/exports` is a path of its own, not a user id: its other methods are a 405.
  app.use('*', literalPathsFirst(app));
  app.route('/', userRoutes(deps.users, deps.auth.authenticate, bodyLimitBytes, deps.idempotency, deps.rateLimit.trustedProxies));
  app.route('/', postRoutes(deps.posts, deps.auth.authenticate, bodyLimitBytes, deps.idempotency));
  app.route('/', jobRoutes(deps.jobs, deps.auth.authenticate, bodyLimitBytes, deps.idempotency));
  app.route('/', authRoutes(deps.auth, deps.users.get, deps.jwks, bodyLimitBytes, deps.idempotency, deps.rateLimit.trustedProxies));
  app.route(
    '/',
    healthRoutes({ readiness: deps.readiness, shutdownSignal: deps.shutdownSignal, timeoutMs: deps.readinessTimeoutMs ?? 5000 }),
  );
  app.route('/', metricsRoutes(registry, deps.metricsAccess));
  app.route('/', docsRoutes(openApi));
  answerUnservedMethods(app);

  app.onError(onError);
  app.notFound(onNotFound);
  // Callers only fetch/request; the typed variables are this adapter's own business, and Hono's
  // Env parameter is invariant, so the app is handed out as a plain Hono.
  return app as unknown as Hono;
}

function defaultRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return registry;
}
