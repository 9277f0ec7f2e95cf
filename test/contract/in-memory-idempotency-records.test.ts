import { InMemoryUnitOfWork } from '../support/in-memory-unit-of-work.ts';
import { idempotencyRecordsContract } from './idempotency-records.contract.ts';

let uow = new InMemoryUnitOfWork();
idempotencyRecordsContract('in-memory', async () => ({
  get uow() {
    return uow;
  },
  reset: async () => {
    uow = new InMemoryUnitOfWork();
  },
  close: async () => undefined,
}));
