import { Hono } from 'hono';
import type { JSONWebKeySet } from 'jose';
import type { AuthUseCases } from '../../../application/auth/index.ts';
import { requireSessionId } from '../../../domain/session.ts';
import type { GetUser } from '../../../application/users/get-user.ts';
import { clientAddress } from '../client-address.ts';
import type { TrustedProxies } from '../trusted-proxies.ts';
import type { AppEnv } from '../env.ts';
import { versionEtag } from '../etag.ts';
import { json } from '../json-response.ts';
import { actingPrincipal, guardFor } from '../middleware/auth-guards.ts';
import { jsonBody } from '../middleware/json-body.ts';
import { presentSeenUser, presentUser, seenUserEtag } from '../users/user-presenter.ts';
import { noQuery, validate } from '../validation.ts';
import { confirmPasswordResetEndpoint, endSessionEndpoint, jwksEndpoint, listSessionsEndpoint, loginEndpoint, logoutEndpoint, meEndpoint, passwordResetEndpoint, refreshEndpoint, registerEndpoint } from './auth-endpoints.ts';
import { presentSession } from './session-presenter.ts';
import { conditionalRead } from '../conditional-get.ts';
import type { IdempotentCreation } from '../../../application/shared/idempotent-creation.ts';
import { answerCreate } from '../idempotency.ts';
import type { User } from '../../../domain/user.ts';

/** Tokens must not be kept by browsers or intermediaries (RFC 6749 5.1). */
const NO_STORE = 'no-store';

/**
 * /api/auth/* and the JWKS. Register, login, refresh and logout are public; `me` and the
 * sessions are any signed-in user's. Bodies are checked in the same order as the users routes:
 * media type, size, validation.
 */
export function authRoutes(
  auth: AuthUseCases,
  getUser: GetUser,
  jwksOf: () => JSONWebKeySet,
  bodyLimitBytes: number,
  idempotency: IdempotentCreation,
  trustedProxies?: TrustedProxies,
): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const body = jsonBody(bodyLimitBytes);
  const query = noQuery();

  app.post(registerEndpoint.path, query, body, validate('json', registerEndpoint.body), async (c) => {
    // Nobody is signed in: the key is scoped to the client's address.
    const address = clientAddress(c, trustedProxies);
    return answerCreate(c, idempotency, `address:${address}`, {
      status: 201,
      present: (user: User) => ({ body: { data: presentUser(user) }, headers: { Location: `/api/users/${user.id}`, ETag: versionEtag(user.version) } }),
      create: (record) => auth.register.execute({ ...c.req.valid('json'), clientAddress: address }, record),
    });
  });

  app.post(loginEndpoint.path, query, body, validate('json', loginEndpoint.body), async (c) => {
    const tokens = await auth.login.execute({ ...c.req.valid('json'), clientAddress: clientAddress(c, trustedProxies) });
    c.header('Cache-Control', NO_STORE);
    return json(c, { data: tokens });
  });

  app.post(refreshEndpoint.path, query, body, validate('json', refreshEndpoint.body), async (c) => {
    const tokens = await auth.refresh.execute(c.req.valid('json'));
    c.header('Cache-Control', NO_STORE);
    return json(c, { data: tokens });
  });

  app.post(logoutEndpoint.path, query, body, validate('json', logoutEndpoint.body), async (c) => {
    await auth.logout.execute(c.req.valid('json'));
    return c.body(null, 204);
  });

  // No body: the same 202 whether or not the address belongs to anyone.
  app.post(passwordResetEndpoint.path, query, body, validate('json', passwordResetEndpoint.body), async (c) => {
    await auth.requestPasswordReset.execute({ ...c.req.valid('json'), clientAddress: clientAddress(c, trustedProxies) });
    return c.body(null, 202);
  });

  app.post(confirmPasswordResetEndpoint.path, query, body, validate('json', confirmPasswordResetEndpoint.body), async (c) => {
    await auth.confirmPasswordReset.execute(c.req.valid('json'));
    return c.body(null, 204);
  });

  app.get(meEndpoint.path, guardFor(meEndpoint, auth.authenticate), query, async (c) => {
    const principal = actingPrincipal(c);
    // The holder itself, so GetUser decides on the full user; rendered as decided, like any read.
    const seen = await getUser.execute({ id: principal.userId }, principal);
    return conditionalRead(c, await seenUserEtag(seen), { data: presentSeenUser(seen) });
  });

  app.get(listSessionsEndpoint.path, guardFor(listSessionsEndpoint, auth.authenticate), query, async (c) => {
    const sessions = await auth.listSessions.execute(actingPrincipal(c));
    c.header('Cache-Control', NO_STORE);
    return json(c, { data: sessions.map(presentSession) });
  });

  app.delete(endSessionEndpoint.path, guardFor(endSessionEndpoint, auth.authenticate), query, async (c) => {
    await auth.endSession.execute({ id: requireSessionId(c.req.param('id')) }, actingPrincipal(c));
    return c.body(null, 204);
  });

  app.get(jwksEndpoint.path, query, (c) => {
    c.header('Cache-Control', 'public, max-age=300');
    return json(c, jwksOf());
  });

  return app;
}
