import type { z } from 'zod';
import { postRepresentation } from '../../../application/shared/representations.ts';
import type { Post } from '../../../domain/post.ts';
import type { postResource } from './post-schemas.ts';

export type PostJson = z.output<typeof postResource>;

/** A post as clients see it: the representation the events carry too (application/representations.ts). */
export function presentPost(post: Post): PostJson {
  return postRepresentation(post);
}
