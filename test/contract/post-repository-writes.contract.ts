import { describe, expect, it } from 'vitest';
import type { Post } from '../../src/domain/post.ts';
import type { Authors } from './post-repository.contract.ts';
import { ALL_DRAFTS, aPost, listPosts, postId, storePosts } from './post-fixtures.ts';
import { aUser, at, type ContractContext } from './user-fixtures.ts';

/** add, find, conditional update and remove, the author's foreign key and cascade, transactions. */
export function postWriteContract(context: () => ContractContext, authors: () => Authors): void {
  const uow = () => context().uow;
  const findById = (post: Post) => uow().read(({ posts }) => posts.findById(post.id));
  const update = (post: Post, expectedVersion: number) => uow().transaction(({ posts }) => posts.update(post, expectedVersion));
  const remove = (post: Post, expectedVersion: number) => uow().transaction(({ posts }) => posts.remove(post.id, expectedVersion));

  describe('add and find', () => {
    it('finds an added post by id with every field intact, to the millisecond', async () => {
      const createdAt = new Date(at(1).getTime() + 123);
      const post = aPost(authors().ann, { status: 'draft', createdAt, updatedAt: new Date(at(2).getTime() + 456), version: 3 });
      await storePosts(uow(), post);
      expect(await findById(post)).toEqual(post);
      expect(await uow().read(({ posts }) => posts.findById(postId('nowhere')))).toBeNull();
    });

    it('round-trips the longest title (in characters, not UTF-16 units) and any prose exactly', async () => {
      const samples = [
        aPost(authors().ann, { title: '😀'.repeat(200), body: 'x'.repeat(50_000) }),
        aPost(authors().ann, { title: "O'Brien \\ 50% _x_ ?", body: 'line one\nline two\r\n\ttabbed "quoted" \\ ? $1 :name' }),
        aPost(authors().bob, { title: '李小龙 · Zoë · אבי', body: '' }),
      ];
      await storePosts(uow(), ...samples);
      for (const post of samples) expect(await findById(post)).toEqual(post);
    });

    it('refuses a post whose author does not exist, and keeps nothing of that transaction', async () => {
      const kept = aPost(authors().ann);
      const outcome = storePosts(uow(), kept, aPost(aUser()));
      await expect(outcome).rejects.toBeInstanceOf(Error);
      expect(await findById(kept)).toBeNull();
    });

    it('accepts a post of an author added earlier in the same transaction', async () => {
      const newcomer = aUser();
      const post = aPost(newcomer);
      await uow().transaction(async ({ users, posts }) => {
        await users.add(newcomer);
        await posts.add(post);
      });
      expect(await findById(post)).toEqual(post);
    });

    it('refuses a second post with the same id and keeps the first', async () => {
      const first = aPost(authors().ann, { label: 'twice' });
      await storePosts(uow(), first);
      await expect(storePosts(uow(), aPost(authors().bob, { label: 'twice', title: 'Other' }))).rejects.toBeInstanceOf(Error);
      expect(await findById(first)).toEqual(first);
    });

    it('aborts the whole transaction after a failed statement, across repositories', async () => {
      const later = aUser();
      const outcome = uow().transaction(async ({ users, posts }) => {
        await expect(posts.add(aPost(aUser()))).rejects.toBeInstanceOf(Error);
        await users.add(later);
      });
      await expect(outcome).rejects.toBeInstanceOf(Error);
      expect(await uow().read(({ users }) => users.findById(later.id))).toBeNull();
    });
  });

  describe('conditional update and remove', () => {
    it('updates only at the expected version; a stale or missing post is false and changes nothing', async () => {
      const post = aPost(authors().ann, { title: 'Before', status: 'draft' });
      await storePosts(uow(), post);
      const next: Post = { ...post, title: 'After', body: 'New body', status: 'published', updatedAt: new Date(at(5).getTime() + 7), version: 2 };
      expect(await update(next, 1)).toBe(true);
      expect(await findById(post)).toEqual(next);
      expect(await update({ ...post, title: 'Stale', version: 2 }, 1)).toBe(false);
      expect(await findById(post)).toEqual(next);
      const ghost = aPost(authors().ann);
      expect(await update(ghost, 1)).toBe(false);
      expect(await findById(ghost)).toBeNull();
    });

    it('never rewrites the author or the creation time', async () => {
      const post = aPost(authors().ann, { createdAt: at(1), updatedAt: at(1) });
      await storePosts(uow(), post);
      expect(await update({ ...post, authorId: authors().bob.id, createdAt: at(9), title: 'Moved?', updatedAt: at(9), version: 2 }, 1)).toBe(true);
      expect(await findById(post)).toEqual({ ...post, title: 'Moved?', updatedAt: at(9), version: 2 });
    });

    it('lets exactly one of two concurrent updates from the same version win', async () => {
      const post = aPost(authors().ann, { title: 'Original' });
      await storePosts(uow(), post);
      const attempt = (title: string) => update({ ...post, title, version: 2 }, 1);
      const outcomes = await Promise.all([attempt('First'), attempt('Second')]);
      expect([...outcomes].sort()).toEqual([false, true]);
      expect((await findById(post))?.title).toBe(outcomes[0] ? 'First' : 'Second');
    });

    it('removes only at the expected version; a missing or already removed post is false', async () => {
      const post = aPost(authors().ann, { version: 3 });
      await storePosts(uow(), post);
      expect(await remove(post, 2)).toBe(false);
      expect(await findById(post)).toEqual(post);
      expect(await remove(post, 3)).toBe(true);
      expect(await findById(post)).toBeNull();
      expect(await remove(post, 3)).toBe(false);
    });
  });

  describe('the author', () => {
    it("deletes a user's posts with the user, and only theirs, from every read", async () => {
      const { ann, bob } = authors();
      const mine = [aPost(ann, { status: 'draft' }), aPost(ann)];
      const theirs = aPost(bob);
      await storePosts(uow(), ...mine, theirs);
      expect(await uow().transaction(({ users }) => users.remove(ann.id, ann.version))).toBe(true);
      for (const post of mine) expect(await findById(post)).toBeNull();
      expect(await listPosts(uow())).toEqual({ items: [theirs], total: 1 });
      const newest = await uow().read(({ posts }) => posts.newestByAuthors([ann.id, bob.id], ALL_DRAFTS, 10));
      expect([...newest]).toEqual([[bob.id, [theirs]]]);
    });

    it('brings the posts back when the transaction that deleted their author rolls back', async () => {
      const { ann } = authors();
      const post = aPost(ann);
      await storePosts(uow(), post);
      const failure = new Error('boom');
      const outcome = uow().transaction(async ({ users, posts }) => {
        expect(await users.remove(ann.id, ann.version)).toBe(true);
        expect(await posts.findById(post.id)).toBeNull();
        throw failure;
      });
      await expect(outcome).rejects.toBe(failure);
      expect(await findById(post)).toEqual(post);
    });
  });

  describe('transactions', () => {
    it('rolls back posts and users together, and sees its own writes (with a total) inside', async () => {
      const kept = aPost(authors().ann, { title: 'Kept' });
      const doomed = aPost(authors().bob, { title: 'Doomed' });
      await storePosts(uow(), kept, doomed);
      const newcomer = aUser();
      const added = aPost(newcomer, { title: 'Added' });
      const failure = new Error('boom');
      const outcome = uow().transaction(async ({ users, posts }) => {
        await users.add(newcomer);
        await posts.add(added);
        expect(await posts.update({ ...kept, title: 'Changed', version: 2 }, 1)).toBe(true);
        expect(await posts.remove(doomed.id, 1)).toBe(true);
        const inside = await posts.list({ visibility: ALL_DRAFTS, sort: [{ field: 'title', direction: 'asc' }], limit: 10 });
        expect(inside.items.map((p) => p.title)).toEqual(['Added', 'Changed']);
        expect(inside.total).toBe(2);
        throw failure;
      });
      await expect(outcome).rejects.toBe(failure);
      expect(await findById(added)).toBeNull();
      expect(await findById(kept)).toEqual(kept);
      expect(await findById(doomed)).toEqual(doomed);
      expect(await uow().read(({ users }) => users.findById(newcomer.id))).toBeNull();
    });
  });
}
