import { Hono, type Context } from 'hono';
import type { Authenticate } from '../../../application/auth/authenticate.ts';
import type { PostUseCases } from '../../../application/posts/index.ts';
import type { Post } from '../../../domain/post.ts';
import type { AppEnv } from '../env.ts';
import { parseIfMatch, versionEtag } from '../etag.ts';
import { json } from '../json-response.ts';
import { actingPrincipal as actor, guardFor } from '../middleware/auth-guards.ts';
import { jsonBody } from '../middleware/json-body.ts';
import { knownPostId, knownUserId } from '../well-formed-id.ts';
import { noQuery, validate } from '../validation.ts';
import { createPostEndpoint, deletePostEndpoint, getPostEndpoint, listPostsEndpoint, listUserPostsEndpoint, updatePostEndpoint } from './post-endpoints.ts';
import { presentPost } from './post-presenter.ts';
import { conditionalRead } from '../conditional-get.ts';
import type { IdempotentCreation } from '../../../application/shared/idempotent-creation.ts';
import { answerCreate } from '../idempotency.ts';

/** /api/posts and /api/users/:id/posts, in the order the users routes use: guard, id, query, body. */
export function postRoutes(posts: PostUseCases, authenticate: Authenticate, bodyLimitBytes: number, idempotency: IdempotentCreation): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const body = jsonBody(bodyLimitBytes);
  const query = noQuery();

  app.get(listPostsEndpoint.path, guardFor(listPostsEndpoint, authenticate), validate('query', listPostsEndpoint.query), async (c) => {
    const result = await posts.list.execute(c.req.valid('query'), actor(c));
    return json(c, { data: result.items.map(presentPost), pagination: result.pagination });
  });

  app.get(listUserPostsEndpoint.path, guardFor(listUserPostsEndpoint, authenticate), knownUserId, validate('query', listUserPostsEndpoint.query), async (c) => {
    const result = await posts.list.ofUser({ ...c.req.valid('query'), userId: c.get('userId') }, actor(c));
    return json(c, { data: result.items.map(presentPost), pagination: result.pagination });
  });

  app.post(createPostEndpoint.path, guardFor(createPostEndpoint, authenticate), query, body, validate('json', createPostEndpoint.body), async (c) => {
    return answerCreate(c, idempotency, `user:${actor(c).userId}`, {
      status: 201,
      present: (post: Post) => ({ body: { data: presentPost(post) }, headers: { Location: `/api/posts/${post.id}`, ETag: versionEtag(post.version) } }),
      create: (record) => posts.create.execute(c.req.valid('json'), actor(c), record),
    });
  });

  app.get(getPostEndpoint.path, guardFor(getPostEndpoint, authenticate), knownPostId, query, async (c) => {
    const post = await posts.get.execute({ id: c.get('postId') }, actor(c));
    return conditionalRead(c, versionEtag(post.version), { data: presentPost(post) });
  });

  app.patch(updatePostEndpoint.path, guardFor(updatePostEndpoint, authenticate), knownPostId, query, body, validate('json', updatePostEndpoint.body), async (c) => {
    const ifMatch = parseIfMatch(c.req.header('If-Match'));
    return respondWithPost(c, await posts.update.execute({ ...c.req.valid('json'), id: c.get('postId'), ifMatch }, actor(c)));
  });

  app.delete(deletePostEndpoint.path, guardFor(deletePostEndpoint, authenticate), knownPostId, query, async (c) => {
    await posts.remove.execute({ id: c.get('postId'), ifMatch: parseIfMatch(c.req.header('If-Match')) }, actor(c));
    return c.body(null, 204);
  });

  return app;
}

function respondWithPost<E extends AppEnv>(c: Context<E>, post: Post): Response {
  c.header('ETag', versionEtag(post.version));
  return json(c, { data: presentPost(post) });
}
