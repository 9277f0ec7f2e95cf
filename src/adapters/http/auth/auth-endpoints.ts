import { BODY_ERRORS, type OperationSpec } from '../openapi/operation-spec.ts';
import { userEnvelope } from '../users/user-schemas.ts';
import { jwks, loginBody, logoutBody, passwordResetBody, passwordResetConfirmBody, refreshBody, registerBody, sessionIdParams, sessionListEnvelope, tokensEnvelope } from './auth-schemas.ts';

const TAG = 'Authentication';

export const registerEndpoint = {
  idempotent: true,
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
  errors: [...BODY_ERRORS, 409, 429, 500, 503],
} as const satisfies OperationSpec;

export const loginEndpoint = {
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
  errors: [...BODY_ERRORS, 401, 429, 500, 503],
} as const satisfies OperationSpec;

export const refreshEndpoint = {
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
  errors: [...BODY_ERRORS, 401, 429, 500],
} as const satisfies OperationSpec;

export const logoutEndpoint = {
  method: 'post',
  path: '/api/auth/logout',
  operationId: 'logout',
  summary: 'Sign out',
  description: "Public. Revokes the refresh token's session: its refresh tokens and its access tokens stop working at once. Idempotent: an unknown or revoked token is a 204 too.",
  tag: TAG,
  body: logoutBody,
  success: { 204: { description: 'Signed out; no body' } },
  errors: [...BODY_ERRORS, 429, 500],
} as const satisfies OperationSpec;

export const passwordResetEndpoint = {
  method: 'post',
  path: '/api/auth/password-reset',
  operationId: 'requestPasswordReset',
  summary: 'Ask for a password-reset mail',
  description:
    'Public. Always the same `202` with no body, whether or not the address belongs to anyone. If it belongs to a user who is not suspended, a link ' +
    '`PUBLIC_URL/reset-password?token=...` is mailed to it, valid for `PASSWORD_RESET_TTL` and once; a new request voids the earlier link. ' +
    'Requests are limited per client address (`LOGIN_RATE_LIMIT_MAX` per `LOGIN_RATE_LIMIT_WINDOW_SECONDS`, then `429`); at most 5 mails per address asked about per hour ' +
    '(beyond that the answer is still `202`, and nothing is sent).',
  tag: TAG,
  body: passwordResetBody,
  success: { 202: { description: 'Accepted; a mail follows if the address belongs to an account' } },
  errors: [...BODY_ERRORS, 429, 500, 503],
} as const satisfies OperationSpec;

export const confirmPasswordResetEndpoint = {
  method: 'post',
  path: '/api/auth/password-reset/confirm',
  operationId: 'confirmPasswordReset',
  summary: 'Set a new password with a reset token',
  description:
    "Public. Sets the password of the token's user and ends every session of that user (refresh and access tokens). " +
    'A used, expired, voided or unknown token is a `400 VALIDATION_ERROR` on `token`; the password follows the usual rules (8-128 characters).',
  tag: TAG,
  body: passwordResetConfirmBody,
  success: { 204: { description: 'Password set; every session ended; no body' } },
  errors: [...BODY_ERRORS, 429, 500, 503],
} as const satisfies OperationSpec;

export const meEndpoint = {
  method: 'get',
  path: '/api/auth/me',
  operationId: 'me',
  summary: 'The signed-in user',
  description: "The full user the bearer token belongs to. A conditional read: `If-None-Match` naming its current `ETag` answers 304.",
  tag: TAG,
  signedIn: true,
  ifNoneMatch: true,
  success: { 200: { description: "The token holder's user", schema: userEnvelope, headers: ['ETag'] } },
  errors: [400, 401, 429, 500],
} as const satisfies OperationSpec;

export const listSessionsEndpoint = {
  method: 'get',
  path: '/api/auth/sessions',
  operationId: 'listSessions',
  summary: 'Your sessions',
  description:
    "Any signed-in user: its own sessions that are still live (not ended, not expired), newest sign-in first. A session is one sign-in and its refreshes; `current` marks the one of this request's access token.",
  tag: TAG,
  signedIn: true,
  success: { 200: { description: "The caller's live sessions", schema: sessionListEnvelope, headers: ['Cache-Control'] } },
  errors: [400, 401, 429, 500],
} as const satisfies OperationSpec;

export const endSessionEndpoint = {
  method: 'delete',
  path: '/api/auth/sessions/:id',
  operationId: 'endSession',
  summary: 'End one of your sessions',
  description:
    "Any signed-in user, on its own sessions: its refresh token and its access tokens stop working at once (ending the current one signs this client out). Another user's session, an unknown or malformed id and an already ended session are all `404 Session not found`.",
  tag: TAG,
  signedIn: true,
  params: sessionIdParams,
  success: { 204: { description: 'Ended; no body' } },
  errors: [400, 401, 404, 429, 500],
} as const satisfies OperationSpec;

export const jwksEndpoint = {
  method: 'get',
  path: '/.well-known/jwks.json',
  operationId: 'jwks',
  summary: 'Public signing keys',
  description: 'The JWK Set that verifies access tokens (match a token\'s `kid`). Cacheable for 5 minutes; a key rotation publishes the new key here first.',
  tag: TAG,
  success: { 200: { description: 'JWK Set', schema: jwks, headers: ['Cache-Control'] } },
  errors: [400, 500],
} as const satisfies OperationSpec;

export const authEndpoints: readonly OperationSpec[] = [registerEndpoint, loginEndpoint, refreshEndpoint, logoutEndpoint, passwordResetEndpoint, confirmPasswordResetEndpoint, meEndpoint, listSessionsEndpoint, endSessionEndpoint, jwksEndpoint];
