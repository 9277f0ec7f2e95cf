import { parseId, requireId, type Id } from './ids.ts';
import { UserNotFoundError, ValidationError, type FieldErrors } from './errors.ts';
import { hasInvisibleCharacter, hasUnsafeCharacters, hasVisibleCharacter } from './text.ts';

/** Branded so that a post id or a raw string cannot be passed where a user id is meant. */
export type UserId = Id<'UserId'>;

export const USER_STATUSES = ['active', 'inactive', 'suspended'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

export const USER_ROLES = ['admin', 'member'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const NAME_MAX_LENGTH = 100;
export const EMAIL_MAX_LENGTH = 254; // RFC 5321's path limit, less the angle brackets
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

export type User = Readonly<{
  id: UserId;
  name: string;
  email: string;
  status: UserStatus;
  role: UserRole;
  /** Write-only: set from a password through the PasswordHasher port, never shown. */
  passwordHash: string | null;
  createdAt: Date;
  updatedAt: Date;
  /** Optimistic concurrency: starts at 1, +1 on every committed change; the ETag is built from it. */
  version: number;
}>;

/** A user without its secret: what every read but sign-in needs, and all a cache may hold. */
export type UserView = Omit<User, 'passwordHash'>;

/** The fields a client may write; `passwordHash` is derived by the use case, never sent. */
export type UserChanges = Partial<Pick<User, 'name' | 'email' | 'status' | 'role' | 'passwordHash'>>;


/** An id that is not even well-formed names no user: callers turn `null` into "not found". */
export function parseUserId(raw: string): UserId | null {
  return parseId<'UserId'>(raw);
}

/** A user id from outside, or the contract's 404 `User not found` (also for a malformed one). */
export function requireUserId(raw: string): UserId {
  return requireId<'UserId'>(raw, () => new UserNotFoundError());
}

// Pragmatic address check rather than full RFC 5322 (which accepts quoted and commented forms no
// mail system delivers to): a dot-atom local part of at most 64 characters (no leading, trailing
// or doubled dot), one @, and a dotted domain of LDH labels.
const LOCAL_PART = String.raw`[^\s@"(),:;<>[\\\].]+(?:\.[^\s@"(),:;<>[\\\].]+)*`;
const DOMAIN = String.raw`[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+`;
const EMAIL_PATTERN = new RegExp(`^${LOCAL_PART}@${DOMAIN}$`);
const LOCAL_PART_MAX_LENGTH = 64;

/** Emails are compared and stored lower-cased and trimmed, so uniqueness is case-insensitive. */
export function normalizeEmail(raw: string): string {
  return raw.trim().toLowerCase();
}

export function emailProblem(email: string): string | null {
  if (email.length === 0) return 'Email is required';
  if (email.length > EMAIL_MAX_LENGTH) return `Email must be at most ${EMAIL_MAX_LENGTH} characters`;
  if (hasUnsafeCharacters(email) || hasInvisibleCharacter(email)) return 'Email must be a valid email address';
  const local = email.slice(0, email.lastIndexOf('@'));
  const valid = EMAIL_PATTERN.test(email) && local.length <= LOCAL_PART_MAX_LENGTH;
  return valid ? null : 'Email must be a valid email address';
}

export function normalizeName(raw: string): string {
  return raw.trim();
}

export function nameProblem(name: string): string | null {
  const length = [...name].length; // count code points, not UTF-16 units, so emoji count as one
  if (length < 1) return 'Name must not be empty';
  if (length > NAME_MAX_LENGTH) return `Name must be at most ${NAME_MAX_LENGTH} characters`;
  if (hasUnsafeCharacters(name)) return 'Name must not contain control characters or invalid Unicode';
  return hasVisibleCharacter(name) ? null : 'Name must contain a visible character';
}

export function passwordProblem(password: string): string | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return `Password must be at least ${PASSWORD_MIN_LENGTH} characters`;
  return length > PASSWORD_MAX_LENGTH ? `Password must be at most ${PASSWORD_MAX_LENGTH} characters` : null;
}

function isStatus(value: string): value is UserStatus {
  return (USER_STATUSES as readonly string[]).includes(value);
}

function isRole(value: string): value is UserRole {
  return (USER_ROLES as readonly string[]).includes(value);
}

/** Normalises the given fields and checks every invariant at once, so a client sees all problems. */
export function validateUserChanges(changes: UserChanges): UserChanges {
  const problems: Record<string, string> = {};
  const out: { -readonly [K in keyof UserChanges]: UserChanges[K] } = { ...changes };
  if (changes.name !== undefined) {
    out.name = normalizeName(changes.name);
    const problem = nameProblem(out.name);
    if (problem) problems.name = problem;
  }
  if (changes.email !== undefined) {
    out.email = normalizeEmail(changes.email);
    const problem = emailProblem(out.email);
    if (problem) problems.email = problem;
  }
  if (changes.status !== undefined && !isStatus(changes.status)) {
    problems.status = `Status must be one of ${USER_STATUSES.join(', ')}`;
  }
  if (changes.role !== undefined && !isRole(changes.role)) {
    problems.role = `Role must be one of ${USER_ROLES.join(', ')}`;
  }
  if (Object.keys(problems).length > 0) throw new ValidationError(problems as FieldErrors);
  return out;
}

export type NewUser = {
  id: UserId;
  name: string;
  email: string;
  status?: UserStatus;
  role?: UserRole;
  passwordHash?: string | null;
  now: Date;
};

export function createUser(input: NewUser): User {
  const valid = validateUserChanges({
    name: input.name,
    email: input.email,
    status: input.status ?? 'active',
    role: input.role ?? 'member',
  });
  return {
    id: input.id,
    name: valid.name as string,
    email: valid.email as string,
    status: valid.status as UserStatus,
    role: valid.role as UserRole,
    passwordHash: input.passwordHash ?? null,
    createdAt: input.now,
    updatedAt: input.now,
    version: 1,
  };
}

/**
 * Applies changes; returns the same object when nothing actually changes, so a no-op PATCH
 * neither bumps the version (and so the ETag) nor writes a row.
 */
export function changeUser(user: User, changes: UserChanges, now: Date): User {
  const valid = validateUserChanges(changes);
  const changed = (Object.keys(valid) as (keyof UserChanges)[]).some(
    (key) => valid[key] !== undefined && valid[key] !== user[key],
  );
  if (!changed) return user;
  const defined = Object.fromEntries(Object.entries(valid).filter(([, v]) => v !== undefined));
  return { ...user, ...defined, updatedAt: now, version: user.version + 1 };
}
