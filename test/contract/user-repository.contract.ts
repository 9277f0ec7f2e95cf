import { afterAll, beforeAll, beforeEach, describe } from 'vitest';
import type { UnitOfWork } from '../../src/application/ports/unit-of-work.ts';
import type { ContractContext } from './user-fixtures.ts';
import { keysetContract } from './user-repository-keyset.contract.ts';
import { listingContract } from './user-repository-listing.contract.ts';
import { writeContract } from './user-repository-writes.contract.ts';

/**
 * The UserRepository (and UnitOfWork) contract: every adapter runs these same tests, so the
 * in-memory fake cannot drift from PostgreSQL. `reset` empties the store before each test;
 * `close` releases the adapter once the file is done.
 */
export function userRepositoryContract(
  adapterName: string,
  setup: () => Promise<{ uow: UnitOfWork; reset(): Promise<void>; close(): Promise<void> }>,
): void {
  describe(`UserRepository contract: ${adapterName}`, () => {
    let context: ContractContext | undefined;
    const current = (): ContractContext => {
      if (!context) throw new Error('contract setup did not complete');
      return context;
    };

    beforeAll(async () => {
      context = await setup();
    });
    afterAll(async () => {
      await context?.close();
    });
    beforeEach(async () => {
      await current().reset();
    });

    describe('writes', () => writeContract(current));
    describe('listing', () => listingContract(current));
    describe('keyset paging', () => keysetContract(current));
  });
}
