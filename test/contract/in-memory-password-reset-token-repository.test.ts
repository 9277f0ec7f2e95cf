import { InMemoryUnitOfWork } from '../support/in-memory-unit-of-work.ts';
import { passwordResetTokenRepositoryContract } from './password-reset-token-repository.contract.ts';

let uow = new InMemoryUnitOfWork();
passwordResetTokenRepositoryContract('in-memory', async () => ({
  get uow() {
    return uow;
  },
  reset: async () => {
    uow = new InMemoryUnitOfWork();
  },
  close: async () => undefined,
}));
