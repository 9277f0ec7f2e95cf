import { requirePostId } from '../../../../src/domain/post.ts';
import { describe, expect, it } from 'vitest';
import { rejectionOf } from '../harness.ts';
import { world } from './post-world.ts';

describe('DeletePost', () => {
  it('lets the author delete its post; a second delete is a 404', async () => {
    const w = await world();
    const post = await w.write(w.asAlice, { status: 'published' });
    await w.remove.execute({ id: post.id }, w.asAlice);
    expect(w.row(post.id)).toBeUndefined();
    expect(await rejectionOf(w.remove.execute({ id: post.id }, w.asAlice))).toMatchObject({ code: 'NOT_FOUND', message: 'Post not found' });
  });

  it('honours If-Match: 412 on another version, and the post stays', async () => {
    const w = await world();
    const post = await w.write(w.asAlice);
    expect((await rejectionOf(w.remove.execute({ id: post.id, ifMatch: [2] }, w.asAlice))).code).toBe('PRECONDITION_FAILED');
    expect(w.row(post.id)).toEqual(post);
    await w.remove.execute({ id: post.id, ifMatch: [1] }, w.asAlice);
    expect(w.row(post.id)).toBeUndefined();
  });

  it('answers 404 for a malformed id', async () => {
    const w = await world();
    expect((await rejectionOf(() => w.remove.execute({ id: requirePostId('nope') }, w.asRoot))).message).toBe('Post not found');
  });
});
