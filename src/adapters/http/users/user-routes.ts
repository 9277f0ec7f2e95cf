import { Hono, type Context } from 'hono';
import type { UserId, UserView } from '../../../domain/user.ts';
import type { UserUseCases } from '../../../application/users/index.ts';
import type { IncludePosts } from '../../../application/posts/include-posts.ts';
import type { Principal } from '../../../application/ports/token-service.ts';
import { presentPost } from '../posts/post-presenter.ts';
import type { AppEnv } from '../env.ts';
import { parseIfMatch, versionEtag } from '../etag.ts';
import { jsonBody } from '../middleware/json-body.ts';
import type { Authenticate } from '../../../application/auth/authenticate.ts';
import { actingPrincipal as actor, guardFor } from '../middleware/auth-guards.ts';
import { noQuery, validate } from '../validation.ts';
import { knownUserId } from '../well-formed-id.ts';
import { createUserEndpoint, deleteUserEndpoint, getUserEndpoint, listUsersEndpoint, replaceUserEndpoint, updateUserEndpoint } from './user-endpoints.ts';
import { presentSeenUser, presentUser, seenUserEtag } from './user-presenter.ts';
import type { SeenUser } from '../../../application/users/user-visibility.ts';
import { json } from '../json-response.ts';
import { clientAddress } from '../client-address.ts';
import type { TrustedProxies } from '../trusted-proxies.ts';
import { conditionalRead } from '../conditional-get.ts';
import type { IdempotentCreation } from '../../../application/shared/idempotent-creation.ts';
import { answerCreate } from '../idempotency.ts';
import type { User } from '../../../domain/user.ts';

/**
 * /api/users. Each route runs, in order: its guard (401 without a valid bearer token, 403 without
 * the permission, before any body is read), the id's form (an id that cannot name a user is a 404 whatever the body),
 * unknown query parameters, the JSON media type and size of a body, validation, then one use case. Paths
 * are absolute so they read like the contract; the app mounts this at `/`.
 */
export function userRoutes(users: UserUseCases, authenticate: Authenticate, bodyLimitBytes: number, idempotency: IdempotentCreation, trustedProxies?: TrustedProxies): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const body = jsonBody(bodyLimitBytes);
  const query = noQuery();

  app.get(listUsersEndpoint.path, guardFor(listUsersEndpoint, authenticate), validate('query', listUsersEndpoint.query), async (c) => {
    const { include, ...input } = c.req.valid('query');
    const result = await users.list.execute(input, actor(c));
    return json(c, { data: await presentUsers(result.items, include, users.includePosts, actor(c)), pagination: result.pagination });
  });

  app.post(createUserEndpoint.path, guardFor(createUserEndpoint, authenticate), query, body, validate('json', createUserEndpoint.body), async (c) => {
    return answerCreate(c, idempotency, `user:${actor(c).userId}`, {
      status: 201,
      present: (user: User) => ({ body: { data: presentUser(user) }, headers: { Location: `/api/users/${user.id}`, ETag: versionEtag(user.version) } }),
      create: (record) => users.create.execute(c.req.valid('json'), actor(c), record),
    });
  });

  app.get(getUserEndpoint.path, guardFor(getUserEndpoint, authenticate), knownUserId, validate('query', getUserEndpoint.query), async (c) => {
    const seen = await users.get.execute({ id: c.get('userId') }, actor(c));
    const { include } = c.req.valid('query');
    const [presented] = await presentUsers([seen], include, users.includePosts, actor(c));
    const etag = await seenUserEtag(seen);
    // The tag is the user's (If-Match on a write takes it), but its posts change without it: an
    // answer that embeds them is never a 304.
    if (include === 'posts') {
      c.header('ETag', etag);
      return json(c, { data: presented });
    }
    return conditionalRead(c, etag, { data: presented });
  });

  app.put(
    replaceUserEndpoint.path,
    guardFor(replaceUserEndpoint, authenticate),
    knownUserId,
    query,
    body,
    validate('json', replaceUserEndpoint.body),
    async (c) => respondWithUser(c, await users.replace.execute({ ...c.req.valid('json'), ...writeTarget(c, trustedProxies) }, actor(c))),
  );

  app.patch(
    updateUserEndpoint.path,
    guardFor(updateUserEndpoint, authenticate),
    knownUserId,
    query,
    body,
    validate('json', updateUserEndpoint.body),
    async (c) => respondWithUser(c, await users.update.execute({ ...c.req.valid('json'), ...writeTarget(c, trustedProxies) }, actor(c))),
  );

  app.delete(deleteUserEndpoint.path, guardFor(deleteUserEndpoint, authenticate), knownUserId, query, async (c) => {
    await users.remove.execute({ id: c.get('userId'), ifMatch: parseIfMatch(c.req.header('If-Match')) }, actor(c));
    return c.body(null, 204);
  });

  return app;
}

/** Users as the caller may see them, each with its newest visible posts when `include=posts` (one query for all). */
async function presentUsers(seen: readonly SeenUser[], include: 'posts' | undefined, includePosts: IncludePosts, principal: Principal) {
  if (include !== 'posts') return seen.map(presentSeenUser);
  const posts = await includePosts.execute(seen.map(({ user }) => user), principal);
  return seen.map((one) => ({ ...presentSeenUser(one), posts: (posts.get(one.user.id) ?? []).map(presentPost) }));
}

/** What PUT and PATCH hand their use case beside the body: the path's user, If-Match, the caller's address. */
function writeTarget<E extends AppEnv & { Variables: { userId: UserId } }>(c: Context<E>, trustedProxies: TrustedProxies | undefined) {
  return { id: c.get('userId'), ifMatch: parseIfMatch(c.req.header('If-Match')), clientAddress: clientAddress(c, trustedProxies) };
}

/** One user with its ETag: what GET, PUT and PATCH answer. */
function respondWithUser<E extends AppEnv>(c: Context<E>, user: UserView): Response {
  c.header('ETag', versionEtag(user.version));
  return json(c, { data: presentUser(user) });
}
