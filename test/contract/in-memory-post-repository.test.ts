import { InMemoryUnitOfWork } from '../support/in-memory-unit-of-work.ts';
import { postRepositoryContract } from './post-repository.contract.ts';

postRepositoryContract('in-memory', async () => {
  const uow = new InMemoryUnitOfWork();
  return {
    uow,
    reset: async () => {
      uow.posts.rows.clear();
      uow.refreshTokens.rows.clear();
      uow.users.rows.clear();
    },
    close: async () => undefined,
  };
});
