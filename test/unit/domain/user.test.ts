import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../src/domain/errors.ts';
import {
  EMAIL_MAX_LENGTH,
  NAME_MAX_LENGTH,
  changeUser,
  createUser,
  emailProblem,
  nameProblem,
  normalizeEmail,
  parseUserId,
  passwordProblem,
  validateUserChanges,
  type NewUser,
  type User,
  type UserChanges,
  type UserId,
  type UserRole,
  type UserStatus,
} from '../../../src/domain/user.ts';

const ID = '0190a6f0-0000-7000-8000-000000000001' as UserId;
const T0 = new Date('2024-01-20T10:00:00.000Z');
const T1 = new Date('2024-01-20T11:30:00.000Z');

function newUser(overrides: Partial<NewUser> = {}): User {
  return createUser({ id: ID, name: 'Alice', email: 'alice@example.com', now: T0, ...overrides });
}

/** Runs `fn`, expecting a ValidationError, and returns its field errors. */
function fieldErrorsOf(fn: () => unknown): Record<string, string> {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).code).toBe('VALIDATION_ERROR');
    return { ...(error as ValidationError).fields };
  }
  throw new Error('expected a ValidationError, but nothing was thrown');
}

/** A syntactically valid address of exactly `length` characters (labels kept under 63). */
/** A valid address of exactly `length` characters: the longest local part (64), the rest domain. */
function emailOfLength(length: number): string {
  const local = 'a'.repeat(64);
  let rest = length - local.length - 1 - '.com'.length;
  const labels: string[] = [];
  while (rest > 63) {
    labels.push('d'.repeat(62));
    rest -= 63; // the label and its dot
  }
  labels.push('e'.repeat(rest));
  return `${local}@${labels.join('.')}.com`;
}

describe('email', () => {
  it('is normalised by trimming and lower-casing', () => {
    expect(normalizeEmail('  Alice.Smith@Example.COM \t\n')).toBe('alice.smith@example.com');
  });

  it('is stored normalised by createUser', () => {
    expect(newUser({ email: '  BOB@Example.Org ' }).email).toBe('bob@example.org');
  });

  it.each([
    'alice@example.com',
    'alice.smith+tag@mail.example.co.uk',
    'a_b-c@sub-domain.example.io',
    'x@a.bc',
  ])('accepts %s', (email) => {
    expect(emailProblem(email)).toBeNull();
    expect(newUser({ email }).email).toBe(email);
  });

  it.each([
    ['no @ at all', 'alice.example.com'],
    ['two @', 'alice@bob@example.com'],
    ['nothing before @', '@example.com'],
    ['nothing after @', 'alice@'],
    ['a space in the local part', 'alice smith@example.com'],
    ['a space in the domain', 'alice@exa mple.com'],
    ['a tab inside', 'alice\t@example.com'],
    ['no dot in the domain', 'alice@localhost'],
    ['an empty domain label', 'alice@example..com'],
    ['a domain ending in a dot', 'alice@example.com.'],
    ['a domain label starting with a hyphen', 'alice@-example.com'],
    ['a domain label over 63 characters', `alice@${'a'.repeat(64)}.com`],
    ['angle brackets', '<alice@example.com>'],
    ['a local part starting with a dot', '.alice@example.com'],
    ['a local part ending with a dot', 'alice.@example.com'],
    ['two dots in a row in the local part', 'alice..smith@example.com'],
    ['a local part over 64 characters', `${'a'.repeat(65)}@example.com`],
  ])('rejects an address with %s', (_why, email) => {
    expect(emailProblem(normalizeEmail(email))).toBe('Email must be a valid email address');
    expect(fieldErrorsOf(() => newUser({ email }))).toEqual({ email: 'Email must be a valid email address' });
  });

  it('rejects an empty or blank address as required', () => {
    expect(fieldErrorsOf(() => newUser({ email: '' }))).toEqual({ email: 'Email is required' });
    expect(fieldErrorsOf(() => newUser({ email: '   ' }))).toEqual({ email: 'Email is required' });
  });

  it(`accepts ${EMAIL_MAX_LENGTH} characters and rejects one more`, () => {
    const longest = emailOfLength(EMAIL_MAX_LENGTH);
    expect(longest).toHaveLength(254);
    expect(emailProblem(longest)).toBeNull();
    expect(newUser({ email: longest }).email).toBe(longest);

    const tooLong = emailOfLength(EMAIL_MAX_LENGTH + 1);
    expect(emailProblem(tooLong)).toBe('Email must be at most 254 characters');
    expect(fieldErrorsOf(() => newUser({ email: tooLong }))).toEqual({ email: 'Email must be at most 254 characters' });
  });

  it('measures the length after trimming', () => {
    const longest = emailOfLength(EMAIL_MAX_LENGTH);
    expect(newUser({ email: `   ${longest}   ` }).email).toBe(longest);
  });
});

describe('name', () => {
  it('is trimmed', () => {
    expect(newUser({ name: '  Alice Liddell \n' }).name).toBe('Alice Liddell');
  });

  it('must not be empty or blank', () => {
    expect(fieldErrorsOf(() => newUser({ name: '' }))).toEqual({ name: 'Name must not be empty' });
    expect(fieldErrorsOf(() => newUser({ name: ' \t\n ' }))).toEqual({ name: 'Name must not be empty' });
  });

  it('accepts 1 and 100 characters and rejects 101', () => {
    expect(newUser({ name: 'A' }).name).toBe('A');
    expect(newUser({ name: 'n'.repeat(NAME_MAX_LENGTH) }).name).toHaveLength(100);
    expect(fieldErrorsOf(() => newUser({ name: 'n'.repeat(101) }))).toEqual({
      name: 'Name must be at most 100 characters',
    });
  });

  it('does not count surrounding whitespace towards the limit', () => {
    expect(newUser({ name: `  ${'n'.repeat(100)}  ` }).name).toBe('n'.repeat(100));
  });

  it('counts an emoji outside the BMP as one character, not two UTF-16 units', () => {
    const hundredEmoji = '😀'.repeat(100);
    expect(hundredEmoji.length).toBe(200); // UTF-16 units: would fail a naive .length check
    expect(nameProblem(hundredEmoji)).toBeNull();
    expect(newUser({ name: hundredEmoji }).name).toBe(hundredEmoji);
    expect(nameProblem('😀'.repeat(101))).toBe('Name must be at most 100 characters');
    expect(nameProblem('𝒜')).toBeNull();
  });
});

describe('password rule', () => {
  it('takes 8 to 128 characters, counted in code points', () => {
    expect(passwordProblem('1234567')).toBe('Password must be at least 8 characters');
    expect(passwordProblem('12345678')).toBeNull();
    expect(passwordProblem('p'.repeat(128))).toBeNull();
    expect(passwordProblem('p'.repeat(129))).toBe('Password must be at most 128 characters');
    expect(passwordProblem('🔑'.repeat(4))).toBe('Password must be at least 8 characters');
    expect(passwordProblem('🔑'.repeat(128))).toBeNull();
  });
});

describe('status and role', () => {
  it('default to active and member', () => {
    const user = newUser();
    expect(user.status).toBe('active');
    expect(user.role).toBe('member');
  });

  it('keep any allowed value given', () => {
    for (const status of ['active', 'inactive', 'suspended'] as const) expect(newUser({ status }).status).toBe(status);
    for (const role of ['admin', 'member'] as const) expect(newUser({ role }).role).toBe(role);
  });

  it('reject values outside their sets', () => {
    expect(fieldErrorsOf(() => newUser({ status: 'banned' as UserStatus }))).toEqual({
      status: 'Status must be one of active, inactive, suspended',
    });
    expect(fieldErrorsOf(() => newUser({ role: 'root' as UserRole }))).toEqual({
      role: 'Role must be one of admin, member',
    });
    // Case matters: only the exact spellings are values.
    expect(Object.keys(fieldErrorsOf(() => newUser({ role: 'Admin' as UserRole })))).toEqual(['role']);
  });
});

describe('createUser', () => {
  it('builds a user at version 1 with both timestamps at `now` and no password unless given', () => {
    expect(newUser()).toEqual({
      id: ID,
      name: 'Alice',
      email: 'alice@example.com',
      status: 'active',
      role: 'member',
      passwordHash: null,
      createdAt: T0,
      updatedAt: T0,
      version: 1,
    });
    expect(newUser({ passwordHash: 'scrypt$hash' }).passwordHash).toBe('scrypt$hash');
  });

  it('reports every problem at once in `fields`', () => {
    const fields = fieldErrorsOf(() =>
      newUser({ name: '  ', email: 'not an email', status: 'gone' as UserStatus, role: 'boss' as UserRole }),
    );
    expect(fields).toEqual({
      name: 'Name must not be empty',
      email: 'Email must be a valid email address',
      status: 'Status must be one of active, inactive, suspended',
      role: 'Role must be one of admin, member',
    });
  });
});

describe('validateUserChanges', () => {
  it('checks and normalises only the fields given', () => {
    expect(validateUserChanges({ email: ' X@Y.Io ' })).toEqual({ email: 'x@y.io' });
    expect(validateUserChanges({})).toEqual({});
  });

  it('reports every problem at once', () => {
    const changes: UserChanges = { name: 'x'.repeat(101), email: 'a@b', role: 'x' as UserRole };
    expect(Object.keys(fieldErrorsOf(() => validateUserChanges(changes))).sort()).toEqual(['email', 'name', 'role']);
  });
});

describe('changeUser', () => {
  const user = newUser({ passwordHash: 'old-hash' });

  it('applies a real change, bumping version and updatedAt but not createdAt', () => {
    const changed = changeUser(user, { name: 'Alicia', role: 'admin' }, T1);
    expect(changed).toEqual({ ...user, name: 'Alicia', role: 'admin', updatedAt: T1, version: 2 });
    expect(changed.createdAt).toEqual(T0);
    expect(user.version).toBe(1); // the original is untouched
    expect(user.name).toBe('Alice');
  });

  it('normalises the values it applies', () => {
    const changed = changeUser(user, { email: ' NEW@Example.com ', name: ' Bob ' }, T1);
    expect(changed.email).toBe('new@example.com');
    expect(changed.name).toBe('Bob');
  });

  it('returns the very same object when nothing changes', () => {
    expect(changeUser(user, {}, T1)).toBe(user);
    expect(changeUser(user, { name: 'Alice', status: 'active', role: 'member' }, T1)).toBe(user);
    expect(changeUser(user, { name: undefined, email: undefined }, T1)).toBe(user);
    expect(changeUser(user, { passwordHash: 'old-hash' }, T1)).toBe(user);
  });

  it('treats values equal after normalisation as no change', () => {
    expect(changeUser(user, { email: '  ALICE@example.COM ', name: ' Alice ' }, T1)).toBe(user);
  });

  it('ignores undefined fields next to a real change', () => {
    const changed = changeUser(user, { name: undefined, status: 'suspended' }, T1);
    expect(changed.name).toBe('Alice');
    expect(changed.status).toBe('suspended');
    expect(changed.version).toBe(2);
  });

  it('changes the password hash, and counts that as a change', () => {
    const changed = changeUser(user, { passwordHash: 'new-hash' }, T1);
    expect(changed.passwordHash).toBe('new-hash');
    expect(changed.version).toBe(2);
    expect(changed.updatedAt).toEqual(T1);
  });

  it('validates before changing anything, reporting every problem', () => {
    const fields = fieldErrorsOf(() => changeUser(user, { name: '', email: 'nope', status: 'x' as UserStatus }, T1));
    expect(Object.keys(fields).sort()).toEqual(['email', 'name', 'status']);
  });

  it('keeps counting versions over successive changes', () => {
    const once = changeUser(user, { name: 'B' }, T1);
    const twice = changeUser(once, { name: 'C' }, new Date(T1.getTime() + 1000));
    expect(twice.version).toBe(3);
    expect(twice.updatedAt).toEqual(new Date(T1.getTime() + 1000));
  });
});

describe('parseUserId', () => {
  it('accepts a UUID as is', () => {
    expect(parseUserId('0190a6f0-1234-7abc-8def-0123456789ab')).toBe('0190a6f0-1234-7abc-8def-0123456789ab');
  });

  it('normalises upper case to lower case', () => {
    expect(parseUserId('0190A6F0-1234-7ABC-8DEF-0123456789AB')).toBe('0190a6f0-1234-7abc-8def-0123456789ab');
    expect(parseUserId('0190a6F0-1234-7aBc-8DEF-0123456789ab')).toBe('0190a6f0-1234-7abc-8def-0123456789ab');
  });

  it.each([
    ['empty', ''],
    ['a word', 'alice'],
    ['a number', '42'],
    ['too short', '0190a6f0-1234-7abc-8def-0123456789a'],
    ['too long', '0190a6f0-1234-7abc-8def-0123456789abc'],
    ['no hyphens', '0190a6f012347abc8def0123456789ab'],
    ['hyphens misplaced', '0190a6f01-234-7abc-8def-0123456789ab'],
    ['a non-hex digit', '0190a6f0-1234-7abc-8def-0123456789ag'],
    ['braces', '{0190a6f0-1234-7abc-8def-0123456789ab}'],
    ['a urn prefix', 'urn:uuid:0190a6f0-1234-7abc-8def-0123456789ab'],
    ['leading whitespace', ' 0190a6f0-1234-7abc-8def-0123456789ab'],
    ['a trailing newline', '0190a6f0-1234-7abc-8def-0123456789ab\n'],
    ['a path traversal', '../0190a6f0-1234-7abc-8def-0123456789ab'],
    ['SQL', "' OR 1=1 --"],
  ])('rejects %s', (_why, raw) => {
    expect(parseUserId(raw)).toBeNull();
  });
});
