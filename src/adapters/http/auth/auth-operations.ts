import type { OperationSpec } from '../openapi/operation-spec.ts';
import { userEnvelope } from '../users/user-schemas.ts';
import { jwks, loginBody, logoutBody, refreshBody, registerBody, tokensEnvelope } from './auth-schemas.ts';

const TAG = 'Authentication';
const WITH_BODY = [400, 413, 415] as const;

export const register = {
  method: 'post',
  path: '/api/auth/register',
  operationId: 'register',
  summary: 'Sign up',
  description:
    'Public. Creates an active `member`; `role` and `status` are not accepted here (a 400), only an admin sets them. ' +
    'Sign-ups are limited per client address (`REGISTER_RATE_LIMIT_MAX` per `REGISTER_RATE_LIMIT_WINDOW_SECONDS`), then `429` with `Retry-After`; ' +
    'when password hashing is at capacity, `503` with `Retry-After` (sign-ins go first).',
  tag: TAG,
  body: registerBody,
  success: { 201: { description: 'The new user', schema: userEnvelope, headers: ['Location', 'ETag'] } },
  errors: [...WITH_BODY, 409, 429, 500, 503],
} as const satisfies OperationSpec;

export const login = {
  method: 'post',
  path: '/api/auth/login',
  operationId: 'login',
  summary: 'Sign in',
  description:
    'Public. A wrong email and a wrong password are the same `401 Invalid email or password`. Every attempt is limited per client address ' +
    '(`LOGIN_RATE_LIMIT_MAX` per `LOGIN_RATE_LIMIT_WINDOW_SECONDS`); failed ones per email: `LOGIN_RATE_LIMIT_MAX` from one address, ' +
    '`LOGIN_EMAIL_FAILURES_MAX` from all together, so strangers failing from a few addresses cannot lock the owner out. Over a limit: `429` with `Retry-After`. ' +
    'When password hashing is at capacity, `503` with `Retry-After`. A suspended account is a 401; an inactive one may sign in.',
  tag: TAG,
  body: loginBody,
  success: { 200: { description: 'A new session', schema: tokensEnvelope, headers: ['Cache-Control'] } },
  errors: [...WITH_BODY, 401, 429, 500, 503],
} as const satisfies OperationSpec;

export const refresh = {
  method: 'post',
  path: '/api/auth/refresh',
  operationId: 'refresh',
  summary: 'Rotate the refresh token',
  description:
    'Public. The refresh token is single-use: the answer carries a new one. Presenting one already used is a 401 and revokes the whole session ' +
    '(every refresh and access token descended from the same login). Of concurrent refreshes with one token, exactly one succeeds.',
  tag: TAG,
  body: refreshBody,
  success: { 200: { description: 'New tokens of the same session', schema: tokensEnvelope, headers: ['Cache-Control'] } },
  errors: [...WITH_BODY, 401, 429, 500],
} as const satisfies OperationSpec;

export const logout = {
  method: 'post',
  path: '/api/auth/logout',
  operationId: 'logout',
  summary: 'Sign out',
  description: "Public. Revokes the refresh token's session: its refresh tokens and its access tokens stop working at once. Idempotent: an unknown or revoked token is a 204 too.",
  tag: TAG,
  body: logoutBody,
  success: { 204: { description: 'Signed out; no body' } },
  errors: [...WITH_BODY, 429, 500],
} as const satisfies OperationSpec;

export const me = {
  method: 'get',
  path: '/api/auth/me',
  operationId: 'me',
  summary: 'The signed-in user',
  tag: TAG,
  signedIn: true,
  success: { 200: { description: "The token holder's user", schema: userEnvelope, headers: ['ETag'] } },
  errors: [400, 401, 429, 500],
} as const satisfies OperationSpec;

export const jwksOperation = {
  method: 'get',
  path: '/.well-known/jwks.json',
  operationId: 'jwks',
  summary: 'Public signing keys',
  description: 'The JWK Set that verifies access tokens (match a token\'s `kid`). Cacheable for 5 minutes; a key rotation publishes the new key here first.',
  tag: TAG,
  success: { 200: { description: 'JWK Set', schema: jwks, headers: ['Cache-Control'] } },
  errors: [400, 500],
} as const satisfies OperationSpec;

export const authOperations: readonly OperationSpec[] = [register, login, refresh, logout, me, jwksOperation];
