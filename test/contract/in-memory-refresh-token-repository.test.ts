import { InMemoryUnitOfWork } from '../support/in-memory-unit-of-work.ts';
import { refreshTokenRepositoryContract } from './refresh-token-repository.contract.ts';

refreshTokenRepositoryContract('in-memory', async () => {
  const uow = new InMemoryUnitOfWork();
  return {
    uow,
    reset: async () => {
      uow.refreshTokens.rows.clear();
      uow.users.rows.clear();
    },
    close: async () => undefined,
  };
});
