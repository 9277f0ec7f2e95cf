import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../../../src/application/shared/actor.ts';
import type { CreatePostInput } from '../../../../src/application/posts/create-post.ts';
import { rejectionOf } from '../harness.ts';
import { UNKNOWN_ID, world } from './post-world.ts';

describe('CreatePost', () => {
  it('makes the actor the author, stores the post as returned, a draft by default', async () => {
    const w = await world();
    const post = await w.write(w.asAlice, { title: '  First  ', body: 'Hello' });
    expect(post).toMatchObject({ authorId: w.alice.id, title: 'First', body: 'Hello', status: 'draft', version: 1 });
    expect(post.createdAt).toEqual(w.clock.now());
    expect(w.row(post.id)).toEqual(post);
  });

  it('takes status published', async () => {
    const w = await world();
    expect((await w.write(w.asBob, { status: 'published' })).status).toBe('published');
  });

  it('ignores an author, id or version smuggled into the input: the caller is the author', async () => {
    const w = await world();
    const smuggled = { title: 'Mine', body: '', authorId: w.bob.id, id: UNKNOWN_ID, version: 7 } as CreatePostInput;
    const post = await w.create.execute(smuggled, w.asAlice);
    expect(post.authorId).toBe(w.alice.id);
    expect(post.id).not.toBe(UNKNOWN_ID);
    expect(post.version).toBe(1);
    expect(w.row(post.id)?.authorId).toBe(w.alice.id);
  });

  it('refuses the system actor, which is no user: FORBIDDEN and nothing stored', async () => {
    const w = await world();
    const error = await rejectionOf(w.create.execute({ title: 'Orphan', body: '' }, SYSTEM_ACTOR));
    expect(error.code).toBe('FORBIDDEN');
    expect(w.tables.posts.rows.size).toBe(0);
  });

  it('reports every invalid field at once and stores nothing', async () => {
    const w = await world();
    const error = await rejectionOf(w.create.execute({ title: ' ', body: 'x'.repeat(50_001) }, w.asAlice));
    expect(error.code).toBe('VALIDATION_ERROR');
    expect(Object.keys(error.fields ?? {}).sort()).toEqual(['body', 'title']);
    expect(w.tables.posts.rows.size).toBe(0);
  });
});
