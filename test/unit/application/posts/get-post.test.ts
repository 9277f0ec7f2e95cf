import { requirePostId } from '../../../../src/domain/post.ts';
import { describe, expect, it } from 'vitest';
import { world } from './post-world.ts';

describe('GetPost', () => {
  it('shows a published post to any member', async () => {
    const w = await world();
    const post = await w.write(w.asAlice, { status: 'published' });
    expect(await w.get.execute({ id: post.id }, w.asBob)).toEqual(post);
  });

  it('accepts an upper-case id', async () => {
    const w = await world();
    const post = await w.write(w.asAlice, { status: 'published' });
    expect((await w.get.execute({ id: requirePostId(post.id.toUpperCase()) }, w.asBob)).id).toBe(post.id);
  });
});
