import { refreshTokenRepositoryContract } from '../../contract/refresh-token-repository.contract.ts';
import { postgresContractDatabase } from '../../support/contract-databases.ts';

refreshTokenRepositoryContract('MikroORM on PostgreSQL', postgresContractDatabase);
