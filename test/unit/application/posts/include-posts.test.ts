import { describe, expect, it } from 'vitest';
import { INCLUDED_POSTS_PER_USER } from '../../../../src/application/posts/include-posts.ts';
import type { Post } from '../../../../src/domain/post.ts';
import type { User } from '../../../../src/domain/user.ts';
import { aUser } from '../../../support/builders.ts';
import { seed } from '../harness.ts';
import { ids, world } from './post-world.ts';

describe('IncludePosts', () => {
  /** Alice: 12 posts, every third a draft; Bob: 2 published and a draft; Carol: none. */
  async function includeWorld() {
    const w = await world();
    const carol = aUser().withName('Carol').build();
    await seed(w.tables, carol);
    const alices: Post[] = [];
    for (let i = 0; i < 12; i++) alices.push(await w.write(w.asAlice, { title: `Alice ${i}`, status: i % 3 === 1 ? 'draft' : 'published' }));
    const bobs: Post[] = [];
    for (let i = 0; i < 3; i++) bobs.push(await w.write(w.asBob, { title: `Bob ${i}`, status: i === 2 ? 'draft' : 'published' }));
    return { ...w, carol, alices, bobs };
  }

  const newest = (posts: Post[], keep: (post: Post) => boolean = () => true) => ids([...posts].reverse().filter(keep).slice(0, 10));
  const published = (post: Post) => post.status === 'published';

  it('embeds at most 10 per user, newest first; an admin sees drafts', async () => {
    const w = await includeWorld();
    expect(INCLUDED_POSTS_PER_USER).toBe(10);
    const map = await w.include.execute([w.alice, w.bob, w.carol], w.asRoot);
    expect(ids(map.get(w.alice.id) ?? [])).toEqual(newest(w.alices));
    expect(ids(map.get(w.bob.id) ?? [])).toEqual(newest(w.bobs));
    expect(map.get(w.carol.id) ?? []).toEqual([]);
  });

  it("shows a member its own drafts and nobody else's", async () => {
    const w = await includeWorld();
    const asBob = await w.include.execute([w.alice, w.bob], w.asBob);
    expect(ids(asBob.get(w.alice.id) ?? [])).toEqual(newest(w.alices, published));
    expect(ids(asBob.get(w.alice.id) ?? [])).toHaveLength(8);
    expect(ids(asBob.get(w.bob.id) ?? [])).toEqual(newest(w.bobs));
    const asAlice = await w.include.execute([w.alice, w.bob], w.asAlice);
    expect(ids(asAlice.get(w.alice.id) ?? [])).toEqual(newest(w.alices));
    expect(ids(asAlice.get(w.bob.id) ?? [])).toEqual(newest(w.bobs, published));
  });

  it('costs one read and one repository call whatever the number of users', async () => {
    const w = await includeWorld();
    const crowd: User[] = [w.alice, w.bob, w.carol];
    for (let i = 0; i < 47; i++) crowd.push(aUser().build());
    await seed(w.tables, ...crowd.slice(3));
    for (const users of [crowd.slice(0, 1), crowd]) {
      w.uow.reset();
      await w.include.execute(users, w.asAlice);
      expect(w.uow.calls).toEqual(['posts.newestByAuthors']);
      expect(w.uow.reads + w.uow.transactions).toBe(1);
    }
  });

  it('makes no call at all for no users', async () => {
    const w = await includeWorld();
    w.uow.reset();
    expect((await w.include.execute([], w.asAlice)).size).toBe(0);
    expect(w.uow.calls).toEqual([]);
  });
});
