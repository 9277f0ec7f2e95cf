import { postRepositoryContract } from '../../contract/post-repository.contract.ts';
import { postgresContractDatabase } from '../../support/contract-databases.ts';

postRepositoryContract('MikroORM on PostgreSQL', postgresContractDatabase);
