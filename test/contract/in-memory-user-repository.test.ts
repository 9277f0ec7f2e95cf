import { InMemoryUnitOfWork } from '../support/in-memory-unit-of-work.ts';
import { userRepositoryContract } from './user-repository.contract.ts';

userRepositoryContract('in-memory', async () => {
  const uow = new InMemoryUnitOfWork();
  return {
    uow,
    reset: async () => uow.users.rows.clear(),
    close: async () => undefined,
  };
});
