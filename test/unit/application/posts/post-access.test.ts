import { requirePostId } from '../../../../src/domain/post.ts';
import { describe, expect, it } from 'vitest';
import { ADMIN, rejectionOf } from '../harness.ts';
import { UNKNOWN_ID, world } from './post-world.ts';

// The ownership rules of src/application/posts/post-access.ts, through the use cases that apply them:
// a draft is its author's and the admins', a change is the author's or an admin's.

describe('GetPost: access rules', () => {
  it('shows a draft to its author and to admins', async () => {
    const w = await world();
    const draft = await w.write(w.asAlice);
    expect(await w.get.execute({ id: draft.id }, w.asAlice)).toEqual(draft);
    expect(await w.get.execute({ id: draft.id }, w.asRoot)).toEqual(draft);
    expect(await w.get.execute({ id: draft.id }, ADMIN)).toEqual(draft);
  });

  it("answers another member's draft exactly as an unknown id: 404 Post not found", async () => {
    const w = await world();
    const draft = await w.write(w.asAlice);
    for (const id of [draft.id, UNKNOWN_ID, 'not-an-id']) {
      const error = await rejectionOf(() => w.get.execute({ id: requirePostId(id) }, w.asBob));
      expect({ code: error.code, message: error.message, fields: error.fields }).toEqual({ code: 'NOT_FOUND', message: 'Post not found', fields: undefined });
    }
  });
});

describe('UpdatePost: access rules', () => {
  it("lets an admin change a member's draft, leaving the author as it was", async () => {
    const w = await world();
    const draft = await w.write(w.asAlice);
    const updated = await w.update.execute({ id: draft.id, body: 'Edited by an admin' }, w.asRoot);
    expect(updated).toMatchObject({ authorId: w.alice.id, body: 'Edited by an admin', version: 2 });
    expect(w.row(draft.id)).toEqual(updated);
  });

  it("refuses another member on a published post: 403, the row unchanged", async () => {
    const w = await world();
    const post = await w.write(w.asAlice, { status: 'published' });
    const before = w.snapshot();
    const error = await rejectionOf(w.update.execute({ id: post.id, title: 'Hijacked' }, w.asBob));
    expect(error).toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/^Not allowed to /) });
    expect(w.snapshot()).toEqual(before);
  });

  it("answers another member's draft with 404 (not 403, which would confirm it exists), the row unchanged", async () => {
    const w = await world();
    const draft = await w.write(w.asAlice);
    const before = w.snapshot();
    const error = await rejectionOf(w.update.execute({ id: draft.id, title: 'Hijacked' }, w.asBob));
    expect(error).toMatchObject({ code: 'NOT_FOUND', message: 'Post not found' });
    expect(w.snapshot()).toEqual(before);
  });
});

describe('DeletePost: access rules', () => {
  it("lets an admin delete a member's draft", async () => {
    const w = await world();
    const draft = await w.write(w.asBob);
    await w.remove.execute({ id: draft.id }, w.asRoot);
    expect(w.row(draft.id)).toBeUndefined();
  });

  it("refuses another member: 403 on a published post, 404 on a draft, nothing deleted", async () => {
    const w = await world();
    const published = await w.write(w.asAlice, { status: 'published' });
    const draft = await w.write(w.asAlice);
    const before = w.snapshot();
    expect(await rejectionOf(w.remove.execute({ id: published.id }, w.asBob))).toMatchObject({
      code: 'FORBIDDEN',
      message: 'Missing permission: posts:delete',
    });
    expect(await rejectionOf(w.remove.execute({ id: draft.id }, w.asBob))).toMatchObject({ code: 'NOT_FOUND', message: 'Post not found' });
    expect(w.snapshot()).toEqual(before);
  });
});
