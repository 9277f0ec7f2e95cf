import { passwordResetTokenRepositoryContract } from '../../contract/password-reset-token-repository.contract.ts';
import { postgresContractDatabase } from '../../support/contract-databases.ts';

passwordResetTokenRepositoryContract('MikroORM on PostgreSQL', postgresContractDatabase);
