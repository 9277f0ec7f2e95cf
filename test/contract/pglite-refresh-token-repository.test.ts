import { refreshTokenRepositoryContract } from './refresh-token-repository.contract.ts';
import { pgliteContractDatabase } from '../support/contract-databases.ts';

refreshTokenRepositoryContract('MikroORM on in-memory PGlite', pgliteContractDatabase);
