import { idempotencyRecordsContract } from './idempotency-records.contract.ts';
import { pgliteContractDatabase } from '../support/contract-databases.ts';

idempotencyRecordsContract('MikroORM on in-memory PGlite', pgliteContractDatabase);
