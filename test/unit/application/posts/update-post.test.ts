import { requirePostId } from '../../../../src/domain/post.ts';
import { describe, expect, it } from 'vitest';
import { rejectionOf } from '../harness.ts';
import { UNKNOWN_ID, world } from './post-world.ts';

describe('UpdatePost', () => {
  it('lets the author change a post: version and updatedAt move, author and createdAt stay', async () => {
    const w = await world();
    const post = await w.write(w.asAlice);
    const later = w.clock.advance(5000);
    const updated = await w.update.execute({ id: post.id, title: ' Renamed ', status: 'published' }, w.asAlice);
    expect(updated).toEqual({ ...post, title: 'Renamed', status: 'published', updatedAt: later, version: 2 });
    expect(w.row(post.id)).toEqual(updated);
  });

  it('answers 404 for an unknown or malformed id', async () => {
    const w = await world();
    for (const id of [UNKNOWN_ID, 'nope']) {
      expect(await rejectionOf(() => w.update.execute({ id: requirePostId(id), title: 'x' }, w.asAlice))).toMatchObject({ code: 'NOT_FOUND', message: 'Post not found' });
    }
  });

  it('honours If-Match: the current version or * applies, another is 412 and changes nothing', async () => {
    const w = await world();
    const post = await w.write(w.asAlice);
    const stale = await rejectionOf(w.update.execute({ id: post.id, title: 'Stale', ifMatch: [2, 3] }, w.asAlice));
    expect(stale.code).toBe('PRECONDITION_FAILED');
    expect(w.row(post.id)).toEqual(post);
    expect(await w.update.execute({ id: post.id, title: 'Fresh', ifMatch: [1] }, w.asAlice)).toMatchObject({ title: 'Fresh', version: 2 });
    expect(await w.update.execute({ id: post.id, title: 'Any', ifMatch: '*' }, w.asAlice)).toMatchObject({ title: 'Any', version: 3 });
    // An empty list (a header naming no usable tag) matches nothing.
    expect((await rejectionOf(w.update.execute({ id: post.id, title: 'None', ifMatch: [] }, w.asAlice))).code).toBe('PRECONDITION_FAILED');
  });

  it('keeps the version and updatedAt, and writes nothing, for a change to the same values', async () => {
    const w = await world();
    const post = await w.write(w.asAlice, { title: 'Same', body: 'Same body' });
    w.clock.advance(60_000);
    w.uow.reset();
    const result = await w.update.execute({ id: post.id, title: '  Same ', body: 'Same body', status: 'draft', ifMatch: [1] }, w.asAlice);
    expect(result).toEqual(post);
    expect(w.row(post.id)).toEqual(post);
    // Nothing is written at all (so nothing is published as changed).
    expect(w.uow.calls).toEqual(['posts.findById']);
  });

  it('checks the fields before any I/O: invalid input is a 400 even for an id that names nothing', async () => {
    const w = await world();
    w.uow.reset();
    const error = await rejectionOf(w.update.execute({ id: requirePostId(UNKNOWN_ID), title: '', body: '\u0000' }, w.asAlice));
    expect(error.code).toBe('VALIDATION_ERROR');
    expect(Object.keys(error.fields ?? {}).sort()).toEqual(['body', 'title']);
    expect(w.uow.calls).toEqual([]);
  });
});
