import type { z } from 'zod';
import type { Post } from '../../../domain/post.ts';
import type { postResource } from './post-schemas.ts';

export type PostJson = z.output<typeof postResource>;

/** Fields picked one by one, as for users: `version` travels in the ETag. */
export function presentPost(post: Post): PostJson {
  return {
    id: post.id,
    authorId: post.authorId,
    title: post.title,
    body: post.body,
    status: post.status,
    createdAt: post.createdAt.toISOString(),
    updatedAt: post.updatedAt.toISOString(),
  };
}
