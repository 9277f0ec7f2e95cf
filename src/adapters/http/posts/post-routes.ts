import { Hono, type Context } from 'hono';
import type { Authenticate } from '../../../application/auth/authenticate.ts';
import type { CreatePost } from '../../../application/posts/create-post.ts';
import type { DeletePost } from '../../../application/posts/delete-post.ts';
import type { GetPost } from '../../../application/posts/get-post.ts';
import type { ListPosts } from '../../../application/posts/list-posts.ts';
import type { UpdatePost } from '../../../application/posts/update-post.ts';
import type { Post } from '../../../domain/post.ts';
import type { AppEnv } from '../env.ts';
import { parseIfMatch, versionEtag } from '../etag.ts';
import { json } from '../json-response.ts';
import { actingPrincipal as actor, guardFor } from '../middleware/auth-guards.ts';
import { jsonBody } from '../middleware/json-body.ts';
import { knownPostId, knownUserId } from '../well-formed-id.ts';
import { noQuery, validate } from '../validation.ts';
import { createPost, deletePost, getPost, listPosts, listUserPosts, updatePost } from './post-operations.ts';
import { presentPost } from './post-presenter.ts';
import { conditionalRead } from '../conditional-get.ts';

export type PostUseCases = { create: CreatePost; get: GetPost; list: ListPosts; update: UpdatePost; remove: DeletePost };

/** /api/posts and /api/users/:id/posts, in the order the users routes use: guard, id, query, body. */
export function postRoutes(posts: PostUseCases, authenticate: Authenticate, bodyLimitBytes: number): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const body = jsonBody(bodyLimitBytes);
  const query = noQuery();

  app.get(listPosts.path, guardFor(listPosts, authenticate), validate('query', listPosts.query), async (c) => {
    const result = await posts.list.execute(c.req.valid('query'), actor(c));
    return json(c, { data: result.items.map(presentPost), pagination: result.pagination });
  });

  app.get(listUserPosts.path, guardFor(listUserPosts, authenticate), knownUserId, validate('query', listUserPosts.query), async (c) => {
    const result = await posts.list.ofUser({ ...c.req.valid('query'), userId: c.get('userId') }, actor(c));
    return json(c, { data: result.items.map(presentPost), pagination: result.pagination });
  });

  app.post(createPost.path, guardFor(createPost, authenticate), query, body, validate('json', createPost.body), async (c) => {
    const post = await posts.create.execute(c.req.valid('json'), actor(c));
    c.header('Location', `/api/posts/${post.id}`);
    c.header('ETag', versionEtag(post.version));
    return json(c, { data: presentPost(post) }, 201);
  });

  app.get(getPost.path, guardFor(getPost, authenticate), knownPostId, query, async (c) => {
    const post = await posts.get.execute({ id: c.get('postId') }, actor(c));
    return conditionalRead(c, versionEtag(post.version), { data: presentPost(post) });
  });

  app.patch(updatePost.path, guardFor(updatePost, authenticate), knownPostId, query, body, validate('json', updatePost.body), async (c) => {
    const ifMatch = parseIfMatch(c.req.header('If-Match'));
    return respondWithPost(c, await posts.update.execute({ ...c.req.valid('json'), id: c.get('postId'), ifMatch }, actor(c)));
  });

  app.delete(deletePost.path, guardFor(deletePost, authenticate), knownPostId, query, async (c) => {
    await posts.remove.execute({ id: c.get('postId'), ifMatch: parseIfMatch(c.req.header('If-Match')) }, actor(c));
    return c.body(null, 204);
  });

  return app;
}

function respondWithPost<E extends AppEnv>(c: Context<E>, post: Post): Response {
  c.header('ETag', versionEtag(post.version));
  return json(c, { data: presentPost(post) });
}
