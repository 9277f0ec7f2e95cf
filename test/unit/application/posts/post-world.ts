import type { Actor } from '../../../../src/application/shared/actor.ts';
import type { CursorPagination, ListResult, OffsetPagination } from '../../../../src/application/shared/paging.ts';
import type { CreatePostInput } from '../../../../src/application/posts/create-post.ts';
import type { Post, PostId } from '../../../../src/domain/post.ts';
import { aUser } from '../../../support/builders.ts';
import { seed } from '../harness.ts';
import { actorOf, makePostService } from '../post-service.ts';

export const UNKNOWN_ID = '0190a6f0-1234-7abc-8def-0123456789ab';

/** Alice and Bob (members) and Root (an admin), stored; every post written 1 s after the last. */
export async function world() {
  const service = makePostService();
  const alice = aUser().withName('Alice').build();
  const bob = aUser().withName('Bob').build();
  const root = aUser().withName('Root').withRole('admin').build();
  await seed(service.tables, alice, bob, root);
  const asAlice = actorOf(alice);
  const asBob = actorOf(bob);
  const asRoot = actorOf(root);
  const write = (actor: Actor, input: Partial<CreatePostInput> = {}): Promise<Post> => {
    service.clock.advance();
    return service.create.execute({ title: 'A title', body: 'A body', ...input }, actor);
  };
  const row = (id: string) => service.tables.posts.rows.get(id as PostId);
  const snapshot = () => structuredClone([...service.tables.posts.rows.entries()]);
  return { ...service, alice, bob, root, asAlice, asBob, asRoot, write, row, snapshot };
}

export type World = Awaited<ReturnType<typeof world>>;

export const ids = (result: ListResult<Post> | Post[]) => ('items' in result ? result.items : result).map((post) => post.id);
export const titles = (result: ListResult<Post>) => result.items.map((post) => post.title);
export const offset = (result: ListResult<Post>) => result.pagination as OffsetPagination;
export const keyset = (result: ListResult<Post>) => result.pagination as CursorPagination;
