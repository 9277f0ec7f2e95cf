import { userRepositoryContract } from '../../contract/user-repository.contract.ts';
import { postgresContractDatabase } from '../../support/contract-databases.ts';

userRepositoryContract('MikroORM on PostgreSQL', postgresContractDatabase);
