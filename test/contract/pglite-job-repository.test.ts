import { pgliteContractDatabase } from '../support/contract-databases.ts';
import { jobRepositoryContract } from './job-repository.contract.ts';

jobRepositoryContract('MikroORM on in-memory PGlite', pgliteContractDatabase);
