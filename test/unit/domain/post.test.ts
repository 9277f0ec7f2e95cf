import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../src/domain/errors.ts';
import {
  BODY_MAX_LENGTH,
  TITLE_MAX_LENGTH,
  changePost,
  createPost,
  isVisibleTo,
  parsePostId,
  validatePostChanges,
  type NewPost,
  type Post,
  type PostId,
  type PostStatus,
} from '../../../src/domain/post.ts';
import type { UserId } from '../../../src/domain/user.ts';

const ID = '0190a6f0-0000-7000-8000-0000000000aa' as PostId;
const AUTHOR = '0190a6f0-0000-7000-8000-000000000001' as UserId;
const STRANGER = '0190a6f0-0000-7000-8000-000000000002' as UserId;
const T0 = new Date('2024-01-20T10:00:00.000Z');
const T1 = new Date('2024-01-20T11:30:00.000Z');

/** U+1F600, one code point but two UTF-16 units: a length check on `.length` would count it twice. */
const EMOJI = '\u{1F600}';

function newPost(overrides: Partial<NewPost> = {}): Post {
  return createPost({ id: ID, authorId: AUTHOR, title: 'Hello', body: 'World', now: T0, ...overrides });
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

describe('createPost', () => {
  it('builds a draft at version 1, created and updated now', () => {
    expect(newPost()).toEqual({
      id: ID,
      authorId: AUTHOR,
      title: 'Hello',
      body: 'World',
      status: 'draft',
      createdAt: T0,
      updatedAt: T0,
      version: 1,
    });
  });

  it.each<PostStatus>(['draft', 'published'])('takes status %s', (status) => {
    expect(newPost({ status }).status).toBe(status);
  });

  it('refuses any other status', () => {
    expect(fieldErrorsOf(() => newPost({ status: 'archived' as PostStatus }))).toEqual({ status: expect.stringMatching(/draft, published/) });
  });

  it('reports every problem at once', () => {
    const fields = fieldErrorsOf(() => newPost({ title: '  ', body: 'a\u0000b', status: 'hidden' as PostStatus }));
    expect(Object.keys(fields).sort()).toEqual(['body', 'status', 'title']);
    for (const sentence of Object.values(fields)) expect(sentence).toMatch(/^[A-Z].+/);
  });
});

describe('title', () => {
  it('is trimmed, inner spaces kept', () => {
    expect(newPost({ title: ' \t A  title \n ' }).title).toBe('A  title');
  });

  it.each([
    ['empty', ''],
    ['only spaces', '   '],
    ['only line breaks and tabs', '\n\t\r\n'],
  ])('must not be empty (%s)', (_case, title) => {
    expect(fieldErrorsOf(() => newPost({ title }))).toEqual({ title: 'Title must not be empty' });
  });

  it('takes exactly 200 characters, and 200 after trimming', () => {
    expect(newPost({ title: 'x'.repeat(TITLE_MAX_LENGTH) }).title).toHaveLength(200);
    expect(newPost({ title: `  ${'x'.repeat(TITLE_MAX_LENGTH)}  ` }).title).toBe('x'.repeat(200));
    expect(TITLE_MAX_LENGTH).toBe(200);
  });

  it('refuses 201 characters', () => {
    expect(fieldErrorsOf(() => newPost({ title: 'x'.repeat(201) }))).toEqual({ title: 'Title must be at most 200 characters' });
  });

  it('counts an emoji as one character, not two UTF-16 units', () => {
    const title = EMOJI.repeat(200);
    expect(title.length).toBe(400);
    expect(newPost({ title }).title).toBe(title);
    expect(fieldErrorsOf(() => newPost({ title: EMOJI.repeat(201) }))).toEqual({ title: 'Title must be at most 200 characters' });
  });

  it.each([
    ['a zero-width space', '\u200B'],
    ['zero-width joiners and a BOM', '\u200D\u200C\uFEFF'],
    ['a soft hyphen', '\u00AD'],
    ['no-break and ideographic spaces between zero-width ones', '\u200B\u00A0\u3000\u200B'],
  ])('must contain a visible character, not only %s', (_case, title) => {
    expect(fieldErrorsOf(() => newPost({ title }))).toEqual({ title: 'Title must contain a visible character' });
  });

  it.each([
    ['NUL', 'a\u0000b'],
    ['ESC', 'a\u001Bb'],
    ['DEL', 'a\u007Fb'],
    ['a C1 control', 'a\u0085b'],
    ['an inner line break', 'first\nsecond'],
    ['an inner tab', 'first\tsecond'],
    ['a lone high surrogate', 'a\uD800b'],
    ['a lone low surrogate', 'a\uDC00b'],
  ])('refuses %s', (_case, title) => {
    expect(fieldErrorsOf(() => newPost({ title }))).toEqual({ title: 'Title must not contain control characters or invalid Unicode' });
  });

  it('keeps emoji and other scripts', () => {
    expect(newPost({ title: `Ünïcödé ${EMOJI} 日本語` }).title).toBe(`Ünïcödé ${EMOJI} 日本語`);
  });
});

describe('body', () => {
  it('may be empty', () => {
    expect(newPost({ body: '' }).body).toBe('');
  });

  it('is kept as written: not trimmed, line breaks and tabs allowed', () => {
    const body = '  Line one\r\n\tindented\n\nlast line  ';
    expect(newPost({ body }).body).toBe(body);
  });

  it('takes exactly 50,000 characters and refuses 50,001', () => {
    expect(BODY_MAX_LENGTH).toBe(50_000);
    expect(newPost({ body: 'b'.repeat(50_000) }).body).toHaveLength(50_000);
    expect(fieldErrorsOf(() => newPost({ body: 'b'.repeat(50_001) }))).toEqual({ body: 'Body must be at most 50000 characters' });
  });

  it('counts an emoji as one character', () => {
    const body = EMOJI.repeat(50_000);
    expect(newPost({ body }).body).toBe(body);
    expect(Object.keys(fieldErrorsOf(() => newPost({ body: EMOJI.repeat(50_001) })))).toEqual(['body']);
  });

  it.each([
    ['NUL', 'a\u0000b'],
    ['BEL', 'a\u0007b'],
    ['ESC', 'a\u001Bb'],
    ['vertical tab', 'a\u000Bb'],
    ['form feed', 'a\u000Cb'],
    ['DEL', 'a\u007Fb'],
    ['a C1 control', 'a\u0085b'],
    ['a lone high surrogate', 'a\uD83Db'],
    ['a lone low surrogate at the end', 'ab\uDE00'],
  ])('refuses %s', (_case, body) => {
    expect(fieldErrorsOf(() => newPost({ body }))).toEqual({ body: expect.stringMatching(/^Body must not contain control characters/) });
  });
});

describe('validatePostChanges', () => {
  it('checks only the fields given, and trims the title', () => {
    expect(validatePostChanges({})).toEqual({});
    expect(validatePostChanges({ title: '  New  ' })).toEqual({ title: 'New' });
    expect(validatePostChanges({ status: 'published' })).toEqual({ status: 'published' });
  });

  it('reports every problem at once', () => {
    expect(Object.keys(fieldErrorsOf(() => validatePostChanges({ title: 'x'.repeat(201), body: '\u0001', status: 'x' as PostStatus })))).toEqual([
      'title',
      'body',
      'status',
    ]);
  });
});

describe('changePost', () => {
  it.each<[string, Parameters<typeof changePost>[1]]>([
    ['no changes', {}],
    ['the same title', { title: 'Hello' }],
    ['the same title, padded', { title: '  Hello  ' }],
    ['the same body and status', { body: 'World', status: 'draft' }],
    ['undefined fields', { title: undefined, body: undefined }],
  ])('returns the very same post for %s (version and updatedAt unchanged)', (_case, changes) => {
    const post = newPost();
    const next = changePost(post, changes, T1);
    expect(next).toBe(post);
    expect(next.version).toBe(1);
    expect(next.updatedAt).toEqual(T0);
  });

  it.each<[string, Parameters<typeof changePost>[1], Partial<Post>]>([
    ['the title', { title: '  Renamed ' }, { title: 'Renamed' }],
    ['the body', { body: 'New body' }, { body: 'New body' }],
    ['the status', { status: 'published' }, { status: 'published' }],
  ])('changes %s, bumps the version and updatedAt, keeps the rest', (_case, changes, expected) => {
    const post = newPost();
    const next = changePost(post, changes, T1);
    expect(next).not.toBe(post);
    expect(next).toEqual({ ...post, ...expected, updatedAt: T1, version: 2 });
    expect(next.createdAt).toEqual(T0);
    // The original is left as it was.
    expect(post).toEqual(newPost());
  });

  it('changes only what differs when some fields repeat the current values', () => {
    const next = changePost(newPost(), { title: 'Hello', body: 'Other' }, T1);
    expect(next).toMatchObject({ title: 'Hello', body: 'Other', version: 2, updatedAt: T1 });
  });

  it('validates the changes, every problem at once, and changes nothing', () => {
    const post = newPost();
    expect(Object.keys(fieldErrorsOf(() => changePost(post, { title: '', body: 'a\u0000', status: 'gone' as PostStatus }, T1))).sort()).toEqual([
      'body',
      'status',
      'title',
    ]);
    expect(post).toEqual(newPost());
  });
});

describe('isVisibleTo', () => {
  const draft = () => newPost({ status: 'draft' });
  const published = () => newPost({ status: 'published' });

  it('shows a published post to everyone', () => {
    expect(isVisibleTo(published(), { userId: STRANGER, role: 'member' })).toBe(true);
    expect(isVisibleTo(published(), { userId: null, role: 'member' })).toBe(true);
  });

  it('shows a draft to its author and to admins', () => {
    expect(isVisibleTo(draft(), { userId: AUTHOR, role: 'member' })).toBe(true);
    expect(isVisibleTo(draft(), { userId: STRANGER, role: 'admin' })).toBe(true);
    expect(isVisibleTo(draft(), { userId: null, role: 'admin' })).toBe(true);
  });

  it('hides a draft from another member, and from a member with no user', () => {
    expect(isVisibleTo(draft(), { userId: STRANGER, role: 'member' })).toBe(false);
    expect(isVisibleTo(draft(), { userId: null, role: 'member' })).toBe(false);
  });
});

describe('parsePostId', () => {
  it('takes a UUID, lower-cased', () => {
    expect(parsePostId('0190A6F0-0000-7000-8000-0000000000AB')).toBe('0190a6f0-0000-7000-8000-0000000000ab');
  });

  it.each(['', 'not-an-id', '123', '0190a6f0-0000-7000-8000-0000000000ab ', '0190a6f0-0000-7000-8000-0000000000abc'])('refuses %j', (raw) => {
    expect(parsePostId(raw)).toBeNull();
  });
});
