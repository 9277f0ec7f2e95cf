import { InMemoryUnitOfWork } from '../support/in-memory-unit-of-work.ts';
import { jobRepositoryContract } from './job-repository.contract.ts';

let uow = new InMemoryUnitOfWork();
jobRepositoryContract('in memory (InMemoryUnitOfWork.jobs)', async () => ({
  get uow() {
    return uow;
  },
  reset: async () => {
    uow = new InMemoryUnitOfWork();
  },
  close: async () => undefined,
}));
