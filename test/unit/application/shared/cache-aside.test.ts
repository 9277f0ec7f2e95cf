import { describe, expect, it } from 'vitest';
import { requireUserId } from '../../../../src/domain/user.ts';
import { InMemoryCache } from '../../../../src/adapters/cache/in-memory-cache.ts';
import { CacheAside, type CacheOutcome } from '../../../../src/application/shared/cache-aside.ts';
import type { Cache, CacheLookup } from '../../../../src/application/ports/cache.ts';
import { aUser } from '../../../support/builders.ts';
import { FixedClock } from '../../../support/fixed-clock.ts';
import { InMemoryUnitOfWork } from '../../../support/in-memory-unit-of-work.ts';
import { SequentialIds } from '../../../support/sequential-ids.ts';
import { CountingUnitOfWork, Gate } from '../counting-ports.ts';
import { makeService, rejectionOf, seed } from '../harness.ts';

/** The use cases over a unit of work that counts (and can hold) reads: what reached the database. */
async function withAlice() {
  const uow = new CountingUnitOfWork(new InMemoryUnitOfWork());
  const service = makeService(uow);
  const alice = aUser().withName('Alice').build();
  await seed(uow, alice);
  return { service, uow, alice };
}

describe('cache-aside through the user use cases', () => {
  it('reads the database once, then serves from the cache', async () => {
    const { service, uow, alice } = await withAlice();
    await service.getUser.execute({ id: alice.id });
    await service.getUser.execute({ id: alice.id });
    await service.getUser.execute({ id: requireUserId(alice.id.toUpperCase()) });
    expect(uow.reads).toBe(1);
  });

  it('writes the update through: the next read sees it without reading the database', async () => {
    const { service, uow, alice } = await withAlice();
    await service.getUser.execute({ id: alice.id });
    await service.updateUser.execute({ id: alice.id, name: 'Alicia' });
    const readsBefore = uow.reads;
    expect((await service.getUser.execute({ id: alice.id })).user).toMatchObject({ name: 'Alicia', version: alice.version + 1 });
    expect(uow.reads).toBe(readsBefore);
  });

  it('remembers "not found" briefly, and a create replaces it at once', async () => {
    const { service, uow } = await withAlice();
    const next = requireUserId(SequentialIds.nth(1)); // the id the next create gets
    for (let i = 0; i < 3; i++) expect((await rejectionOf(service.getUser.execute({ id: next }))).code).toBe('NOT_FOUND');
    expect(uow.reads).toBe(1);
    const created = await service.createUser.execute({ name: 'New', email: 'new@example.com' });
    expect(created.id).toBe(next);
    expect((await service.getUser.execute({ id: next })).user).toMatchObject({ id: next, name: 'New' });
  });

  it('after a delete, reads find nothing', async () => {
    const { service, alice } = await withAlice();
    await service.getUser.execute({ id: alice.id });
    await service.deleteUser.execute({ id: alice.id });
    expect((await rejectionOf(service.getUser.execute({ id: alice.id }))).code).toBe('NOT_FOUND');
  });

  it('10 concurrent misses on one user share one database read', async () => {
    const { service, uow, alice } = await withAlice();
    const { gate, reached } = uow.holdNextRead();
    const reads = Array.from({ length: 10 }, () => service.getUser.execute({ id: alice.id }));
    await reached.opened;
    gate.open();
    expect((await Promise.all(reads)).every(({ user }) => user.id === alice.id)).toBe(true);
    expect(uow.reads).toBe(1);
  });

  it('the stale write-back race, step by step: a read that loaded before an update never leaves the old user cached', async () => {
    const { service, uow, alice } = await withAlice();
    // 1. A read misses and loads Alice; its answer is held before it writes back.
    const { gate, reached } = uow.holdNextRead();
    const slow = service.getUser.execute({ id: alice.id });
    await reached.opened;
    // 2. An update commits and writes through meanwhile.
    await service.updateUser.execute({ id: alice.id, name: 'Alicia' });
    // 3. The slow read answers with what it loaded (it began before the update) and tries to write it back.
    gate.open();
    expect((await slow).user.name).toBe('Alice');
    // 4. The cache holds the update, not the slow reader's value.
    expect((await service.getUser.execute({ id: alice.id })).user).toMatchObject({ name: 'Alicia' });
    expect(await service.cache.get(`user:${alice.id}`)).toContain('Alicia');
  });

  it('a read that starts after an update does not join a load that started before it', async () => {
    const { service, uow, alice } = await withAlice();
    const { gate, reached } = uow.holdNextRead();
    const slow = service.getUser.execute({ id: alice.id });
    await reached.opened;
    // The update's write-through finds another change in between (the slow load does not count,
    // but a second writer does), so it deletes: the next read misses and must load afresh.
    await service.cache.delete(`user:${alice.id}`);
    await service.updateUser.execute({ id: alice.id, name: 'Alicia' });
    await service.cache.delete(`user:${alice.id}`);
    const after = service.getUser.execute({ id: alice.id });
    gate.open();
    await slow;
    expect((await after).user.name).toBe('Alicia');
    expect(uow.reads).toBe(2);
  });

  it('writes nothing to the cache for a write that did not commit', async () => {
    const { service, alice } = await withAlice();
    const bob = aUser().withEmail('bob@example.com').build();
    await seed(service.uow, bob);
    await service.getUser.execute({ id: alice.id });
    const key = `user:${alice.id}`;
    const before = await service.cache.lookup(key);
    // A unique violation rolls the transaction back; so does a failed If-Match.
    expect((await rejectionOf(service.updateUser.execute({ id: alice.id, email: 'bob@example.com' }))).code).toBe('CONFLICT');
    expect((await rejectionOf(service.updateUser.execute({ id: alice.id, name: 'X', ifMatch: [99] }))).code).toBe(
      'PRECONDITION_FAILED',
    );
    expect(await service.cache.lookup(key)).toEqual(before);
  });

  it('never caches the password hash', async () => {
    const { service, alice } = await withAlice();
    await service.updateUser.execute({ id: alice.id, password: 'a new password' });
    const entry = await service.cache.get(`user:${alice.id}`);
    expect(entry).not.toBeNull();
    expect(entry).not.toMatch(/passwordHash|scrypt/);
  });
});

/** A CacheAside over an in-process cache with a loader the test controls. */
function aside(cache: Cache = new InMemoryCache(new FixedClock())) {
  const rows = new Map<string, string>();
  const outcomes: CacheOutcome[] = [];
  let loads = 0;
  let hold: { gate: Gate; reached: Gate } | undefined;
  const users = new CacheAside<string>({
    cache,
    keyspace: 'thing',
    ttlSeconds: 3600,
    notFoundTtlSeconds: 60,
    load: async (id) => {
      loads++;
      const value = rows.get(id) ?? null;
      const held = hold;
      hold = undefined;
      held?.reached.open();
      await held?.gate.opened;
      return value;
    },
    encode: (value) => ({ value }),
    decode: (data) => (typeof data === 'object' && data !== null && typeof (data as { value?: unknown }).value === 'string' ? (data as { value: string }).value : undefined),
    onLookup: (_keyspace, outcome) => void outcomes.push(outcome),
  });
  return {
    users,
    cache,
    rows,
    outcomes,
    loads: () => loads,
    /** The next load reads at once, then waits for `gate`; `reached` opens when it has read. */
    holdNextLoad: () => (hold = { gate: new Gate(), reached: new Gate() }),
  };
}

describe('CacheAside', () => {
  it('reports each lookup as a hit or a miss; a cached "not found" is a hit', async () => {
    const { users, rows, outcomes } = aside();
    rows.set('a', 'A');
    await users.get('a');
    await users.get('a');
    await users.get('missing');
    await users.get('missing');
    expect(outcomes).toEqual(['miss', 'hit', 'miss', 'hit']);
  });

  it('treats an entry it cannot decode as a miss and replaces it', async () => {
    const { users, cache, rows, loads } = aside();
    rows.set('a', 'A');
    await cache.set('thing:a', '{"unexpected":"shape"}', 60);
    expect(await users.get('a')).toBe('A');
    await cache.set('thing:b', 'not json', 60);
    expect(await users.get('b')).toBeNull();
    expect(loads()).toBe(2);
    expect(await cache.get('thing:a')).toBe('{"value":"A"}');
  });

  it('a miss after an invalidation starts its own load instead of joining one that began before', async () => {
    const { users, rows, loads, holdNextLoad } = aside();
    rows.set('a', 'old');
    const { gate, reached } = holdNextLoad();
    const slow = users.get('a');
    await reached.opened;
    rows.set('a', 'new');
    await users.invalidate('a');
    const after = await users.get('a');
    gate.open();
    expect(await slow).toBe('old');
    expect(after).toBe('new');
    expect(loads()).toBe(2);
    expect(await users.get('a')).toBe('new');
  });

  it('while the cache cannot tell generations (unavailable), every miss loads on its own and nothing is stored', async () => {
    const unavailable: Cache = Object.assign(new InMemoryCache(new FixedClock()), {
      lookup: async (): Promise<CacheLookup> => ({ value: null, generation: null }),
    });
    const { users, rows, loads } = aside(unavailable);
    rows.set('a', 'A');
    expect(await Promise.all([users.get('a'), users.get('a'), users.get('a')])).toEqual(['A', 'A', 'A']);
    expect(loads()).toBe(3);
  });

  it('written(ticket, null) caches "not found" for the short TTL only', async () => {
    const clock = new FixedClock();
    const { users, rows, loads } = aside(new InMemoryCache(clock));
    const ticket = await users.beforeWrite('gone');
    await users.written(ticket, null);
    expect(await users.get('gone')).toBeNull();
    expect(loads()).toBe(0);
    rows.set('gone', 'back');
    clock.advance(60_000);
    expect(await users.get('gone')).toBe('back');
  });
});
