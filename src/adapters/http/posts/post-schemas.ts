import { z } from 'zod';
import { DEFAULT_POST_SORT, POST_SORT_FIELDS } from '../../../application/ports/post-list-query.ts';
import { bodyProblem, titleProblem, BODY_MAX_LENGTH, POST_STATUSES, TITLE_MAX_LENGTH } from '../../../domain/post.ts';
import { pagination, pagingQuery, searchQuery, sortQuery, MAX_PAGE_SIZE } from '../listing-schemas.ts';

/** The domain's own rule for a field, run during validation (see user-schemas.ts `domainRule`). */
function domainRule(problemOf: (value: string) => string | null) {
  return (value: string, ctx: z.core.$RefinementCtx<string>) => {
    const problem = problemOf(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem, params: { sentence: true } });
  };
}

const title = z.string().superRefine(domainRule((value) => titleProblem(value.trim()))).meta({
  description: `1-${TITLE_MAX_LENGTH} characters after trimming`,
  minLength: 1,
  maxLength: TITLE_MAX_LENGTH,
  examples: ['Notes on the Analytical Engine'],
});
const body = z.string().superRefine(domainRule(bodyProblem)).meta({
  description: `Up to ${BODY_MAX_LENGTH} characters; line breaks and tabs allowed`,
  maxLength: BODY_MAX_LENGTH,
});
export const postStatus = z.enum(POST_STATUSES).meta({ description: 'Drafts are seen only by their author and admins; default `draft`' });

export const createPostBody = z
  .strictObject({ title, body, status: postStatus.optional() })
  .meta({ examples: [{ title: 'Notes on the Analytical Engine', body: 'It might act upon other things besides number.', status: 'published' }] });
export const updatePostBody = createPostBody.partial().meta({ examples: [{ status: 'published' }] });

export const postIdParams = z.strictObject({
  id: z.string().meta({ description: 'The post id (a UUIDv7). A malformed id is a 404, like an unknown one.', format: 'uuid', examples: ['0190a5d3-1b2c-7d4e-8f60-718293a4b5c6'] }),
});

const postFilters = {
  ...pagingQuery,
  status: postStatus.optional().meta({ description: 'Only posts with this status (drafts: only those you may see)' }),
  sort: sortQuery(POST_SORT_FIELDS, DEFAULT_POST_SORT, '-createdAt'),
  search: searchQuery('title or body'),
};
export const listPostsQuery = z.strictObject({
  ...postFilters,
  authorId: z.string().optional().meta({ description: "Only this user's posts" }),
});
export const listUserPostsQuery = z.strictObject(postFilters);

export const postResource = z.object({
  id: z.string().meta({ description: 'Opaque id (UUIDv7)' }),
  authorId: z.string(),
  title: z.string(),
  body: z.string(),
  status: z.enum(POST_STATUSES),
  createdAt: z.string().meta({ format: 'date-time', description: 'ISO 8601, UTC' }),
  updatedAt: z.string().meta({ format: 'date-time', description: 'ISO 8601, UTC' }),
});

export const postEnvelope = z.object({ data: postResource });
export const postListEnvelope = z.object({ data: z.array(postResource).meta({ description: 'At most `limit` (1-100)', maxItems: MAX_PAGE_SIZE }), pagination });
