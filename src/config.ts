import { z } from 'zod';
import { trustedProxyEntryProblem } from './adapters/http/trusted-proxies.ts';
import { emailProblem, normalizeEmail, passwordProblem } from './domain/user.ts';

/**
 * The environment, parsed once at start. Empty strings count as unset (compose files and CI
 * often export `VAR=`). A bad value stops the start with one line naming the variable, so
 * nothing ever runs half-configured.
 */
const integer = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, `must be a whole number between ${min} and ${max}`)
    .transform(Number)
    .pipe(z.number().int().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

const url = (schemes: readonly string[]) =>
  z
    .string()
    .refine((value) => URL.canParse(value) && schemes.includes(new URL(value).protocol), {
      message: `must be a URL starting with ${schemes.map((s) => `${s}//`).join(' or ')}`,
    })
    .optional();

const optionalText = (min = 1) => z.string().min(min, `must be at least ${min} characters`).optional();

const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: `must be one of ${values.join(', ')}` });

const DURATION_UNITS = { s: 1, m: 60, h: 3600, d: 86_400 } as const;

/** Seconds, written `900`, `900s`, `15m`, `12h` or `30d`. */
const duration = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+[smhd]?$/, 'must be a duration such as 900, 15m, 12h or 30d')
    .transform((value) => {
      const unit = /[smhd]$/.test(value) ? (value.at(-1) as keyof typeof DURATION_UNITS) : 's';
      return Number.parseInt(value, 10) * DURATION_UNITS[unit];
    })
    .pipe(z.number().min(min, `must be at least ${min} seconds`).max(max, `must be at most ${max} seconds`));

/**
 * Comma-separated entries, kept as plain strings (the HTTP adapter builds its matcher from them),
 * but checked here by that same adapter's parser, so a bad one stops the start naming the entry.
 */
const trustedProxyList = z
  .string()
  .transform((value) => value.split(',').map((entry) => entry.trim()))
  .superRefine((entries, ctx) => {
    const problems = new Set(entries.map(trustedProxyEntryProblem).filter((problem) => problem !== null));
    if (problems.size > 0) ctx.addIssue({ code: 'custom', message: [...problems].join(', and ') });
  })
  .optional();

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const environmentSchema = z.object({
  NODE_ENV: oneOf(['development', 'production', 'test']).default('development'),
  PORT: integer(0, 65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: url(['postgres:', 'postgresql:']),
  DATA_DIR: z.string().default('./.data'),
  REDIS_URL: url(['redis:', 'rediss:']),
  NATS_URL: url(['nats:', 'tls:']),
  /** A private JWK (JSON) or PKCS#8 PEM, Ed25519 or P-256; checked when the service starts. */
  JWT_PRIVATE_KEY: optionalText(),
  /** Not in the contract's table: public keys still accepted after a rotation (a JWK Set). */
  JWT_PREVIOUS_PUBLIC_KEYS: optionalText(),
  JWT_ISSUER: z.string().default('users-service'),
  JWT_AUDIENCE: z.string().default('users-api'),
  JWT_ACCESS_TTL: duration(60, 86_400).default(900),
  /** Not in the contract's table: how long an unused refresh token stays valid. */
  JWT_REFRESH_TTL: duration(300, 365 * 86_400).default(30 * 86_400),
  // The domain's own rules, so an admin the service would refuse to create stops the start here,
  // as one line naming the variable, not later as a failed bootstrap.
  ADMIN_EMAIL: z
    .string()
    .refine((value) => emailProblem(normalizeEmail(value)) === null, 'must be an email address the service accepts')
    .optional(),
  ADMIN_PASSWORD: z
    .string()
    .superRefine((value, ctx) => {
      const problem = passwordProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem.replace(/^Password /, '') });
    })
    .optional(),
  RATE_LIMIT_MAX: integer(1, 1_000_000).default(100),
  RATE_LIMIT_WINDOW_SECONDS: integer(1, 86_400).default(60),
  LOGIN_RATE_LIMIT_MAX: integer(1, 1_000_000).default(10),
  LOGIN_RATE_LIMIT_WINDOW_SECONDS: integer(1, 86_400).default(900),
  /** Failed sign-ins per email from all addresses together in the login window (API.md). */
  LOGIN_EMAIL_FAILURES_MAX: integer(1, 1_000_000).default(100),
  REGISTER_RATE_LIMIT_MAX: integer(1, 1_000_000).default(10),
  REGISTER_RATE_LIMIT_WINDOW_SECONDS: integer(1, 86_400).default(3600),
  /** The service's public base URL, for links in mail; default `http://localhost:$PORT`. */
  PUBLIC_URL: url(['http:', 'https:']),
  SMTP_URL: url(['smtp:', 'smtps:']),
  /** `Name <address>` or a bare address; unset: `users-service <no-reply@PUBLIC_URL's host>` (src/composition/mail.ts). */
  MAIL_FROM: z
    .string()
    .regex(/^(?:[^<>@\s]+@[^<>@\s]+|[^<>@]*<[^<>@\s]+@[^<>@\s]+>)$/, 'must be an address, or a name and <address>')
    .optional(),
  PASSWORD_RESET_TTL: duration(60, 7 * 86_400).default(30 * 60),
  /** Serve /metrics on this port only (not on PORT). */
  METRICS_PORT: integer(1, 65535).optional(),
  /** /metrics needs this bearer token. */
  METRICS_TOKEN: optionalText(16),
  /**
   * Not in the contract's table: the proxies whose X-Forwarded-For names the client (addresses,
   * CIDR ranges, `loopback`, `private`). Unset: none, the socket's peer is the client.
   */
  TRUST_PROXY: trustedProxyList,
  CACHE_TTL_SECONDS: integer(1, 31_536_000).default(3600),
  LOG_LEVEL: oneOf(LOG_LEVELS).default('info'),
  /** Not in the contract's table: `json` or `pretty`; unset, pretty on a terminal outside production (src/log-format.ts). */
  LOG_FORMAT: oneOf(['json', 'pretty']).optional(),
  /**
   * Not in the contract's table: shared by the edge and the Node instance behind PASSWORD_ORIGIN. The
   * edge sends it with every request it forwards there; that instance believes X-Forwarded-For
   * only from requests carrying it (docs/edge.md, "Passwords").
   */
  PASSWORD_ORIGIN_SECRET: optionalText(32),
  /** Not in the contract's table: the key that signs list cursors; instances behind one API must share it. */
  CURSOR_SECRET: optionalText(32),
  /** Largest accepted request body. */
  BODY_LIMIT_BYTES: integer(1024, 64 * 1024 * 1024).default(1024 * 1024),
  /**
   * How long SIGTERM waits for in-flight requests before closing their connections, and then for
   * running jobs before aborting them (a job that stops is queued again, its attempt not counted).
   */
  SHUTDOWN_TIMEOUT_MS: integer(0, 600_000).default(10_000),
  /** Not in the contract's table: jobs this process runs at once; 0 runs none here (only `npm run worker` processes do). */
  JOB_CONCURRENCY: integer(0, 1_000).default(4),
  /**
   * Not in the contract's table: how long a worker holds a job without renewing (it renews at a third);
   * after a worker dies, its jobs run again this late at most. Also JetStream's ack wait for JOBS.
   */
  JOB_LEASE_SECONDS: integer(1, 3_600).default(60),
  // OpenTelemetry's own variables (docs/tracing.md): traces over OTLP/HTTP when an endpoint is set.
  // The exporter reads OTEL_EXPORTER_OTLP_HEADERS, _TIMEOUT and the rest itself.
  OTEL_EXPORTER_OTLP_ENDPOINT: url(['http:', 'https:']),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: url(['http:', 'https:']),
  OTEL_SDK_DISABLED: oneOf(['true', 'false']).optional(),
  OTEL_SERVICE_NAME: optionalText(),
  OTEL_TRACES_SAMPLER: oneOf(['always_on', 'always_off', 'traceidratio', 'parentbased_always_on', 'parentbased_always_off', 'parentbased_traceidratio']).optional(),
  OTEL_TRACES_SAMPLER_ARG: z.string().regex(/^(?:0(?:\.\d+)?|1(?:\.0+)?)$/, 'must be a ratio between 0 and 1').transform(Number).optional(),
  /** Milliseconds between two exports of the batched spans (default 5000). */
  OTEL_BSP_SCHEDULE_DELAY: integer(1, 600_000).optional(),
});

const configSchema = environmentSchema.superRefine((env, ctx) => {
  if ((env.ADMIN_EMAIL === undefined) !== (env.ADMIN_PASSWORD === undefined)) {
    const missing = env.ADMIN_EMAIL === undefined ? 'ADMIN_EMAIL' : 'ADMIN_PASSWORD';
    ctx.addIssue({ code: 'custom', path: [missing], message: 'must be set together with the other ADMIN_ variable' });
  }
  if (env.METRICS_PORT !== undefined && env.METRICS_PORT === env.PORT) {
    ctx.addIssue({ code: 'custom', path: ['METRICS_PORT'], message: 'must differ from PORT (metrics are kept off the public port)' });
  }
  // A generated key changes on every restart and differs per instance: every token dies with it.
  if (env.NODE_ENV === 'production' && env.JWT_PRIVATE_KEY === undefined) {
    ctx.addIssue({ code: 'custom', path: ['JWT_PRIVATE_KEY'], message: 'must be set when NODE_ENV=production (tokens must outlive a restart)' });
  }
  // The same for cursors: a per-process secret makes one instance refuse another's cursors.
  if (env.NODE_ENV === 'production' && env.CURSOR_SECRET === undefined) {
    ctx.addIssue({ code: 'custom', path: ['CURSOR_SECRET'], message: 'must be set when NODE_ENV=production (cursors must outlive a restart and work on every instance)' });
  }
});

export type Config = z.infer<typeof environmentSchema>;

/** Every variable the service reads (.env.example lists each one; a test holds it to that). */
export const CONFIG_VARIABLES = Object.keys(environmentSchema.shape);

/** Values never echoed in an error line: URLs may carry credentials, the rest are secrets. */
const SECRET_VARIABLES = new Set(['OTEL_EXPORTER_OTLP_ENDPOINT', 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', 'DATABASE_URL', 'REDIS_URL', 'NATS_URL', 'SMTP_URL', 'JWT_PRIVATE_KEY', 'ADMIN_PASSWORD', 'CURSOR_SECRET', 'METRICS_TOKEN', 'PASSWORD_ORIGIN_SECRET']);

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: Record<string, string | undefined>): Config {
  const set = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = configSchema.safeParse(set);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const variable = String(issue.path[0]);
    const given = env[variable];
    const shown = given === undefined || SECRET_VARIABLES.has(variable) ? '' : ` (got ${JSON.stringify(given)})`;
    return `${variable} ${issue.message}${shown}`;
  });
  throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
}
