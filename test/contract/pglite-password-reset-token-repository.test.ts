import { passwordResetTokenRepositoryContract } from './password-reset-token-repository.contract.ts';
import { pgliteContractDatabase } from '../support/contract-databases.ts';

passwordResetTokenRepositoryContract('MikroORM on in-memory PGlite', pgliteContractDatabase);
