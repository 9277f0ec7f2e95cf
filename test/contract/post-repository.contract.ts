import { afterAll, beforeAll, beforeEach, describe } from 'vitest';
import type { User } from '../../src/domain/user.ts';
import { postKeysetContract } from './post-repository-keyset.contract.ts';
import { postListingContract } from './post-repository-listing.contract.ts';
import { postNewestContract } from './post-repository-newest.contract.ts';
import { postWriteContract } from './post-repository-writes.contract.ts';
import { aUser, store, type ContractContext } from './user-fixtures.ts';

/** The authors every post test starts with, stored before each test. */
export type Authors = Readonly<{ ann: User; bob: User; cy: User }>;

/**
 * The PostRepository contract, run against every adapter (in-memory, MikroORM on PGlite and on
 * PostgreSQL): the in-memory fake must filter, order, page and pick the newest posts exactly as
 * the SQL does, and keep the table's constraints (the author's foreign key and its cascade) and
 * the unit of work's all-or-nothing across repositories. `reset` empties every table.
 */
export function postRepositoryContract(adapterName: string, setup: () => Promise<ContractContext>): void {
  describe(`PostRepository contract: ${adapterName}`, () => {
    let context: ContractContext | undefined;
    let authors: Authors | undefined;
    const current = (): ContractContext => {
      if (!context) throw new Error('contract setup did not complete');
      return context;
    };
    const currentAuthors = (): Authors => {
      if (!authors) throw new Error('authors were not stored');
      return authors;
    };

    beforeAll(async () => {
      context = await setup();
    });
    afterAll(async () => {
      await context?.close();
    });
    beforeEach(async () => {
      await current().reset();
      const stored = { ann: aUser({ name: 'Ann' }), bob: aUser({ name: 'Bob' }), cy: aUser({ name: 'Cy' }) };
      await store(current().uow, stored.ann, stored.bob, stored.cy);
      authors = stored;
    });

    describe('writes', () => postWriteContract(current, currentAuthors));
    describe('listing', () => postListingContract(current, currentAuthors));
    describe('keyset paging', () => postKeysetContract(current, currentAuthors));
    describe('newest by authors', () => postNewestContract(current, currentAuthors));
  });
}
