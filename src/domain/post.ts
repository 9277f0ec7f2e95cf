import { parseId, requireId, type Id } from './ids.ts';
import { PostNotFoundError, ValidationError, type FieldErrors } from './errors.ts';
import { hasUnsafeCharacters, hasVisibleCharacter } from './text.ts';
import type { UserId } from './user.ts';

/** Branded so that a user id cannot be passed where a post id is meant. */
export type PostId = Id<'PostId'>;

export const POST_STATUSES = ['draft', 'published'] as const;
export type PostStatus = (typeof POST_STATUSES)[number];

export const TITLE_MAX_LENGTH = 200;
export const BODY_MAX_LENGTH = 50_000;

export type Post = Readonly<{
  id: PostId;
  authorId: UserId;
  title: string;
  body: string;
  /** Drafts exist only for their author and admins (API.md). */
  status: PostStatus;
  createdAt: Date;
  updatedAt: Date;
  /** Optimistic concurrency, as for users: the ETag is built from it. */
  version: number;
}>;

export type PostChanges = Partial<Pick<Post, 'title' | 'body' | 'status'>>;


export function parsePostId(raw: string): PostId | null {
  return parseId<'PostId'>(raw);
}

/** A post id from outside, or the contract's 404 `Post not found` (also for a malformed one). */
export function requirePostId(raw: string): PostId {
  return requireId<'PostId'>(raw, () => new PostNotFoundError());
}

// A body is prose: line breaks and tabs belong to it; other control characters and lone
// surrogates do not (see text.ts).
const hasUnsafeProse = (body: string): boolean => hasUnsafeCharacters(body.replace(/[\n\r\t]/g, ''));

export function titleProblem(title: string): string | null {
  const length = [...title].length;
  if (length < 1) return 'Title must not be empty';
  if (length > TITLE_MAX_LENGTH) return `Title must be at most ${TITLE_MAX_LENGTH} characters`;
  if (hasUnsafeCharacters(title)) return 'Title must not contain control characters or invalid Unicode';
  return hasVisibleCharacter(title) ? null : 'Title must contain a visible character';
}

export function bodyProblem(body: string): string | null {
  if ([...body].length > BODY_MAX_LENGTH) return `Body must be at most ${BODY_MAX_LENGTH} characters`;
  return hasUnsafeProse(body) ? 'Body must not contain control characters other than line breaks and tabs, or invalid Unicode' : null;
}

function isStatus(value: string): value is PostStatus {
  return (POST_STATUSES as readonly string[]).includes(value);
}

/** Normalises (a title is trimmed; a body is kept as written) and checks every field at once. */
export function validatePostChanges(changes: PostChanges): PostChanges {
  const problems: Record<string, string> = {};
  const out: { -readonly [K in keyof PostChanges]: PostChanges[K] } = { ...changes };
  if (changes.title !== undefined) {
    out.title = changes.title.trim();
    const problem = titleProblem(out.title);
    if (problem) problems.title = problem;
  }
  if (changes.body !== undefined) {
    const problem = bodyProblem(changes.body);
    if (problem) problems.body = problem;
  }
  if (changes.status !== undefined && !isStatus(changes.status)) {
    problems.status = `Status must be one of ${POST_STATUSES.join(', ')}`;
  }
  if (Object.keys(problems).length > 0) throw new ValidationError(problems as FieldErrors);
  return out;
}

export type NewPost = { id: PostId; authorId: UserId; title: string; body: string; status?: PostStatus; now: Date };

export function createPost(input: NewPost): Post {
  const valid = validatePostChanges({ title: input.title, body: input.body, status: input.status ?? 'draft' });
  return {
    id: input.id,
    authorId: input.authorId,
    title: valid.title as string,
    body: valid.body as string,
    status: valid.status as PostStatus,
    createdAt: input.now,
    updatedAt: input.now,
    version: 1,
  };
}

/** Applies changes; the same object back when nothing changes, so a no-op PATCH keeps the ETag. */
export function changePost(post: Post, changes: PostChanges, now: Date): Post {
  const valid = validatePostChanges(changes);
  const changed = (Object.keys(valid) as (keyof PostChanges)[]).some((key) => valid[key] !== undefined && valid[key] !== post[key]);
  if (!changed) return post;
  const defined = Object.fromEntries(Object.entries(valid).filter(([, v]) => v !== undefined));
  return { ...post, ...defined, updatedAt: now, version: post.version + 1 };
}

/**
 * Who sees a post: a published one, everyone who may read posts; a draft, only its author and
 * admins. For anyone else a draft does not exist (a 404, absent from lists).
 */
export function isVisibleTo(post: Post, viewer: Readonly<{ userId: UserId | null; role: string }>): boolean {
  return post.status === 'published' || viewer.role === 'admin' || post.authorId === viewer.userId;
}
