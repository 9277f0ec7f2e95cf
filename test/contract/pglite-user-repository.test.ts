import { userRepositoryContract } from './user-repository.contract.ts';
import { pgliteContractDatabase } from '../support/contract-databases.ts';

userRepositoryContract('MikroORM on in-memory PGlite', pgliteContractDatabase);
