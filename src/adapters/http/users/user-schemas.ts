import { z } from 'zod';
import { DEFAULT_USER_SORT, USER_SORT_FIELDS } from '../../../application/user-list.ts';
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
});

/** PUT: every writable field but the password. */
export const replaceUserBody = z.strictObject({ name, email, status: userStatus, role: userRole, password: password.optional() });

/** PATCH: any subset; `{}` changes nothing and keeps the ETag. */
export const updateUserBody = replaceUserBody.partial();

export const userIdParams = z.strictObject({
  id: z.string().meta({ description: 'The user id (a UUIDv7). A malformed id is a 404, like an unknown one.' }),
});

/** A query number: decimal digits only (no `1e1`, `0x10`, `1.0`, blanks), then the range. */
function wholeNumber(min: number, max: number) {
  const message = `must be a whole number from ${min} to ${max}`;
  return z
    .string()
    .regex(/^[0-9]{1,9}$/, message)
    .pipe(z.coerce.number<string>().int().min(min, message).max(max, message));
}

export const MAX_PAGE = 100_000_000;
export const DEFAULT_LIMIT = 20;
const SORT_HELP = `Comma-separated among ${USER_SORT_FIELDS.join(', ')}, each optionally prefixed with \`-\` for descending. Ties are broken by id, in the direction of the last key, so the order is total and stable. Names and emails sort by code point.`;

export const listUsersQuery = z.strictObject({
  page: wholeNumber(1, MAX_PAGE)
    .optional()
    .meta({ description: 'Offset paging, from 1 (default 1). A page past the end is an empty `data` with the true totals. Not with `cursor`.' }),
  limit: wholeNumber(1, 100).default(DEFAULT_LIMIT).meta({ description: 'Page size, 1-100' }),
  status: userStatus.optional().meta({ description: 'Only users with this status' }),
  role: userRole.optional().meta({ description: 'Only users with this role' }),
  sort: z.string().max(200).optional().meta({ description: `${SORT_HELP} Default \`${DEFAULT_USER_SORT}\`.`, examples: ['-createdAt,name'] }),
  search: z.string().max(200).optional().meta({ description: 'Case-insensitive substring of name or email; `%` and `_` match themselves' }),
  cursor: z.string().max(2048).optional().meta({ description: "Keyset paging: a previous page's `nextCursor`, with the same filters and sort and no `page`" }),
});

export const userResource = z.object({
  id: z.string().meta({ description: 'Opaque id (UUIDv7)' }),
  name: z.string(),
  email: z.string().meta({ format: 'email' }),
  status: z.enum(USER_STATUSES),
  role: z.enum(USER_ROLES),
  createdAt: z.string().meta({ format: 'date-time', description: 'ISO 8601, UTC' }),
  updatedAt: z.string().meta({ format: 'date-time', description: 'ISO 8601, UTC' }),
});

export const userEnvelope = z.object({ data: userResource });

const count = z.number().int().min(0);
const pageSize = z.number().int().min(1).max(100);
export const offsetPagination = z.object({
  page: count.min(1),
  limit: pageSize,
  total: count.meta({ description: 'Every user matching the filters and search' }),
  totalPages: count.meta({ description: 'ceil(total / limit); 0 when total is 0' }),
  nextCursor: z.string().nullable().meta({ description: 'Continue with `?cursor=`; null on the last page' }),
});
export const cursorPagination = z.object({ limit: pageSize, nextCursor: z.string().nullable() });

export const userListEnvelope = z.object({
  data: z.array(userResource),
  pagination: z.union([offsetPagination, cursorPagination]),
});
