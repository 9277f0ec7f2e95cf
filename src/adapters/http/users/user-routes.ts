import { Hono, type Context } from 'hono';
import type { User } from '../../../domain/user.ts';
import type { CreateUser } from '../../../application/use-cases/create-user.ts';
import type { DeleteUser } from '../../../application/use-cases/delete-user.ts';
import type { GetUser } from '../../../application/use-cases/get-user.ts';
import type { ListUsers } from '../../../application/use-cases/list-users.ts';
import type { ReplaceUser } from '../../../application/use-cases/replace-user.ts';
import type { UpdateUser } from '../../../application/use-cases/update-user.ts';
import type { AppEnv } from '../env.ts';
import { parseIfMatch, versionEtag } from '../etag.ts';
import { jsonBody } from '../middleware/json-body.ts';
import { requirePermission } from '../middleware/require-permission.ts';
import { noQuery, validate } from '../validation.ts';
import { knownUserId } from './known-user-id.ts';
import { createUser, deleteUser, getUser, listUsers, replaceUser, updateUser } from './user-operations.ts';
import { presentUser } from './user-presenter.ts';
import { json } from '../json-response.ts';

export type UserUseCases = {
  create: CreateUser;
  get: GetUser;
  list: ListUsers;
  replace: ReplaceUser;
  update: UpdateUser;
  remove: DeleteUser;
};

/**
 * /api/users. Each route runs, in order: its permission (auth will answer 401/403 before any
 * body is read), the id's form (an id that cannot name a user is a 404 whatever the body),
 * unknown query parameters, the JSON media type and size of a body, validation, then one use case. Paths
 * are absolute so they read like the contract; the app mounts this at `/`.
 */
export function userRoutes(users: UserUseCases, bodyLimitBytes: number): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const body = jsonBody(bodyLimitBytes);
  const query = noQuery();

  app.get(listUsers.path, requirePermission(listUsers.permission), validate('query', listUsers.query), async (c) => {
    const result = await users.list.execute(c.req.valid('query'));
    return json(c, { data: result.items.map(presentUser), pagination: result.pagination });
  });

  app.post(createUser.path, requirePermission(createUser.permission), query, body, validate('json', createUser.body), async (c) => {
    const user = await users.create.execute(c.req.valid('json'));
    c.header('Location', `/api/users/${user.id}`);
    c.header('ETag', versionEtag(user.version));
    return json(c, { data: presentUser(user) }, 201);
  });

  app.get(getUser.path, requirePermission(getUser.permission), knownUserId, query, async (c) => {
    return respondWithUser(c, await users.get.execute({ id: pathId(c) }));
  });

  app.put(
    replaceUser.path,
    requirePermission(replaceUser.permission),
    knownUserId,
    query,
    body,
    validate('json', replaceUser.body),
    async (c) => {
      const ifMatch = parseIfMatch(c.req.header('If-Match'));
      return respondWithUser(c, await users.replace.execute({ ...c.req.valid('json'), id: pathId(c), ifMatch }));
    },
  );

  app.patch(
    updateUser.path,
    requirePermission(updateUser.permission),
    knownUserId,
    query,
    body,
    validate('json', updateUser.body),
    async (c) => {
      const ifMatch = parseIfMatch(c.req.header('If-Match'));
      return respondWithUser(c, await users.update.execute({ ...c.req.valid('json'), id: pathId(c), ifMatch }));
    },
  );

  app.delete(deleteUser.path, requirePermission(deleteUser.permission), knownUserId, query, async (c) => {
    await users.remove.execute({ id: pathId(c), ifMatch: parseIfMatch(c.req.header('If-Match')) });
    return c.body(null, 204);
  });

  return app;
}

/**
 * The `:id` of a route guarded by knownUserId, which has already checked its form (the params
 * schema in user-operations.ts documents it; running zod on it again would only cost time).
 */
function pathId(c: Context<AppEnv>): string {
  return c.req.param('id') as string;
}

/** One user with its ETag: what GET, PUT and PATCH answer. */
function respondWithUser(c: Context<AppEnv>, user: User): Response {
  c.header('ETag', versionEtag(user.version));
  return json(c, { data: presentUser(user) });
}
