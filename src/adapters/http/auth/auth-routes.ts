import { Hono } from 'hono';
import type { JSONWebKeySet } from 'jose';
import type { Authenticate } from '../../../application/use-cases/authenticate.ts';
import type { GetUser } from '../../../application/use-cases/get-user.ts';
import type { Login } from '../../../application/use-cases/login.ts';
import type { Logout } from '../../../application/use-cases/logout.ts';
import type { RefreshSession } from '../../../application/use-cases/refresh-session.ts';
import type { Register } from '../../../application/use-cases/register.ts';
import { clientAddress } from '../client-address.ts';
import type { TrustedProxies } from '../trusted-proxies.ts';
import type { AppEnv } from '../env.ts';
import { versionEtag } from '../etag.ts';
import { json } from '../json-response.ts';
import { actingPrincipal, guardFor } from '../middleware/auth-guards.ts';
import { jsonBody } from '../middleware/json-body.ts';
import { presentUser } from '../users/user-presenter.ts';
import { noQuery, validate } from '../validation.ts';
import { jwksOperation, login, logout, me, refresh, register } from './auth-operations.ts';

export type AuthUseCases = {
  register: Register;
  login: Login;
  refresh: RefreshSession;
  logout: Logout;
  authenticate: Authenticate;
};

/** Tokens must not be kept by browsers or intermediaries (RFC 6749 5.1). */
const NO_STORE = 'no-store';

/**
 * /api/auth/* and the JWKS. Register, login, refresh and logout are public; `me` is any signed-in
 * user. Bodies are checked in the same order as the users routes: media type, size, validation.
 */
export function authRoutes(
  auth: AuthUseCases,
  getUser: GetUser,
  jwksOf: () => JSONWebKeySet,
  bodyLimitBytes: number,
  trustedProxies?: TrustedProxies,
): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const body = jsonBody(bodyLimitBytes);
  const query = noQuery();

  app.post(register.path, query, body, validate('json', register.body), async (c) => {
    const user = await auth.register.execute({ ...c.req.valid('json'), clientAddress: clientAddress(c, trustedProxies) });
    c.header('Location', `/api/users/${user.id}`);
    c.header('ETag', versionEtag(user.version));
    return json(c, { data: presentUser(user) }, 201);
  });

  app.post(login.path, query, body, validate('json', login.body), async (c) => {
    const tokens = await auth.login.execute({ ...c.req.valid('json'), clientAddress: clientAddress(c, trustedProxies) });
    c.header('Cache-Control', NO_STORE);
    return json(c, { data: tokens });
  });

  app.post(refresh.path, query, body, validate('json', refresh.body), async (c) => {
    const tokens = await auth.refresh.execute(c.req.valid('json'));
    c.header('Cache-Control', NO_STORE);
    return json(c, { data: tokens });
  });

  app.post(logout.path, query, body, validate('json', logout.body), async (c) => {
    await auth.logout.execute(c.req.valid('json'));
    return c.body(null, 204);
  });

  app.get(me.path, guardFor(me, auth.authenticate), query, async (c) => {
    const principal = actingPrincipal(c);
    const user = await getUser.execute({ id: principal.userId }, principal);
    c.header('ETag', versionEtag(user.version));
    return json(c, { data: presentUser(user) });
  });

  app.get(jwksOperation.path, query, (c) => {
    c.header('Cache-Control', 'public, max-age=300');
    return json(c, jwksOf());
  });

  return app;
}
