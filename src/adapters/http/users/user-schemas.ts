import { z } from 'zod';
import { pagingQuery, pagination, searchQuery, sortQuery, MAX_PAGE_SIZE } from '../listing-schemas.ts';
import { postResource } from '../posts/post-schemas.ts';
import { DEFAULT_USER_SORT, USER_SORT_FIELDS } from '../../../application/ports/user-list-query.ts';
import {
  emailProblem,
  nameProblem,
  normalizeEmail,
  normalizeName,
  passwordProblem,
  EMAIL_MAX_LENGTH,
  NAME_MAX_LENGTH,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  USER_ROLES,
  USER_STATUSES,
} from '../../../domain/user.ts';

/**
 * The HTTP shapes of users: they validate requests and, through openapi/, document them, so the
 * two cannot drift. Zod checks types and shape here; lengths, trimming and the email format are
 * the domain's invariants (src/domain/user.ts), only *documented* here via `meta` with the
 * domain's own constants, so one rule is never written twice with two different answers (the
 * domain counts code points after trimming; a zod `.max()` would count UTF-16 units before it).
 */
/**
 * Runs the domain's own check for a field during validation, so one response names every
 * problem: a bad email next to a mistyped role, not one after the other. The rule stays written
 * once, in the domain; its sentence is used as it is (see `fieldsOf`).
 */
function domainRule(problemOf: (value: string) => string | null) {
  return (value: string, ctx: z.core.$RefinementCtx<string>) => {
    const problem = problemOf(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem, params: { sentence: true } });
  };
}

export const name = z.string().superRefine(domainRule((value) => nameProblem(normalizeName(value)))).meta({
  description: `1-${NAME_MAX_LENGTH} characters after trimming; surrounding whitespace is removed`,
  minLength: 1,
  maxLength: NAME_MAX_LENGTH,
  examples: ['Ada Lovelace'],
});
export const email = z.string().superRefine(domainRule((value) => emailProblem(normalizeEmail(value)))).meta({
  description: 'A valid address; stored trimmed and lower-cased, unique case-insensitively',
  format: 'email',
  maxLength: EMAIL_MAX_LENGTH,
  examples: ['ada@example.com'],
});
export const password = z.string().superRefine(domainRule(passwordProblem)).meta({
  description: `${PASSWORD_MIN_LENGTH}-${PASSWORD_MAX_LENGTH} characters; write-only, never returned`,
  minLength: PASSWORD_MIN_LENGTH,
  maxLength: PASSWORD_MAX_LENGTH,
  writeOnly: true,
});
export const userStatus = z.enum(USER_STATUSES).meta({ description: 'Defaults to `active` on create' });
export const userRole = z.enum(USER_ROLES).meta({ description: 'Defaults to `member` on create' });

export const createUserBody = z.strictObject({
  name,
  email,
  password: password.optional(),
  status: userStatus.optional(),
  role: userRole.optional(),
}).meta({ examples: [{ name: 'Ada Lovelace', email: 'ada@example.com', password: 'correct horse battery staple', role: 'member' }] });

// Checked against the stored hash, never stored; only sizes here, like sign-in's password.
const currentPassword = z.string().min(1).max(1024).meta({
  description: 'Your current password: needed to change your own `email` or `password` (400 when missing, 403 when wrong); write-only',
  writeOnly: true,
});

/** PUT: every writable field but the password. */
export const replaceUserBody = z.strictObject({
  name,
  email,
  status: userStatus,
  role: userRole,
  password: password.optional(),
  currentPassword: currentPassword.optional(),
}).meta({ examples: [{ name: 'Ada Lovelace', email: 'ada@example.com', status: 'active', role: 'member' }] });

/** PATCH: any subset; `{}` changes nothing and keeps the ETag. */
export const updateUserBody = replaceUserBody.partial().meta({ examples: [{ name: 'Ada King' }] });

export const userIdParams = z.strictObject({
  id: z.string().meta({ description: 'The user id (a UUIDv7). A malformed id is a 404, like an unknown one.', format: 'uuid', examples: ['0190a5d2-5c1e-7c3b-9a4e-2f8d6b1c0e7a'] }),
});

export const includeQuery = z
  .enum(['posts'])
  .optional()
  .meta({ description: "`posts` embeds each user's newest posts you may see (at most 10, newest first), in a bounded number of queries" });

export const listUsersQuery = z.strictObject({
  ...pagingQuery,
  status: userStatus.optional().meta({ description: 'Only users with this status. Admins only: a 403 for a member' }),
  role: userRole.optional().meta({ description: 'Only users with this role. Admins only: a 403 for a member' }),
  sort: sortQuery(USER_SORT_FIELDS, DEFAULT_USER_SORT, '-createdAt,name'),
  search: searchQuery('name or email (for a member, of name only)'),
  include: includeQuery,
});

export const getUserQuery = z.strictObject({ include: includeQuery });

export const userResource = z.object({
  id: z.string().meta({ description: 'Opaque id (UUIDv7)' }),
  name: z.string(),
  email: z.string().meta({ format: 'email' }),
  status: z.enum(USER_STATUSES),
  role: z.enum(USER_ROLES),
  createdAt: z.string().meta({ format: 'date-time', description: 'ISO 8601, UTC' }),
  updatedAt: z.string().meta({ format: 'date-time', description: 'ISO 8601, UTC' }),
});

export const MAX_INCLUDED_POSTS = 10;
const includedPosts = z
  .array(postResource)
  .optional()
  .meta({ description: `Only with \`include=posts\`: the newest posts you may see, at most ${MAX_INCLUDED_POSTS}`, maxItems: MAX_INCLUDED_POSTS });

/** With `include=posts`, a user carries `posts`. */
export const userWithPosts = userResource.extend({ posts: includedPosts });

export const userEnvelope = z.object({ data: userWithPosts });

/**
 * Another user as a member sees it (API.md, "Who sees what"). Closed, so that the `oneOf` of the
 * reads is exact: a full user never passes for a profile, nor a profile (no email) for a user.
 */
export const publicProfile = z
  .strictObject({
    id: z.string().meta({ description: 'Opaque id (UUIDv7)' }),
    name: z.string(),
    createdAt: z.string().meta({ format: 'date-time', description: 'ISO 8601, UTC' }),
    posts: includedPosts,
  })
  .meta({ description: 'Another user as a member sees it: no email, role, status or updatedAt. Admins, and the user itself, get the `User`.' });

/** What a read of users answers: each user in full (an admin, or the user itself) or as a profile. */
export const userOrProfile = z.xor([userWithPosts, publicProfile]);

export const userOrProfileEnvelope = z.object({ data: userOrProfile });

export const userListEnvelope = z.object({ data: z.array(userOrProfile).meta({ description: 'At most `limit` (1-100)', maxItems: MAX_PAGE_SIZE }), pagination });
