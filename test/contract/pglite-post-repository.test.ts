import { postRepositoryContract } from './post-repository.contract.ts';
import { pgliteContractDatabase } from '../support/contract-databases.ts';

postRepositoryContract('MikroORM on in-memory PGlite', pgliteContractDatabase);
