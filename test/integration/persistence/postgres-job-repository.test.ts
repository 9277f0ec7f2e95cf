import { jobRepositoryContract } from '../../contract/job-repository.contract.ts';
import { postgresContractDatabase } from '../../support/contract-databases.ts';

jobRepositoryContract('MikroORM on PostgreSQL', postgresContractDatabase);
