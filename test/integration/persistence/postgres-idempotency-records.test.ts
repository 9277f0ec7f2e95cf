import { idempotencyRecordsContract } from '../../contract/idempotency-records.contract.ts';
import { postgresContractDatabase } from '../../support/contract-databases.ts';

idempotencyRecordsContract('MikroORM on PostgreSQL', postgresContractDatabase);
