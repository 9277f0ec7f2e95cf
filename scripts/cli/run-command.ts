import { ConfigError } from '../../src/config.ts';
import { DataDirectoryInUseError } from '../../src/adapters/persistence/mikro-orm/data-directory.ts';
import { DomainError } from '../../src/domain/errors.ts';
import { PromptAborted } from './prompt.ts';

/** A bad or missing flag: the message, then the command's usage. */
export class UsageError extends Error {}

/**
 * Runs a command's `main`, ending a failure the user can act on with its message and exit 1: a
 * usage problem (ours or parseArgs') with the usage, a domain error with each field's problem on
 * its own line, a bad variable or a busy embedded database as one line; Ctrl-C at a prompt, 130.
 * Anything else is a bug and keeps its stack trace.
 */
export async function runCommand(main: () => Promise<void>, usage: string): Promise<void> {
  try {
    await main();
  } catch (error) {
    process.exitCode = error instanceof PromptAborted ? 130 : 1;
    if (error instanceof UsageError || (error instanceof Error && error.name === 'TypeError' && 'code' in error)) {
      process.stderr.write(`${error.message}\n\n${usage}\n`);
    } else if (error instanceof DomainError) {
      const problems = error.fields ? Object.entries(error.fields).map(([field, problem]) => `${field}: ${problem}`) : [error.message];
      process.stderr.write(`${problems.join('\n')}\n`);
    } else if (error instanceof ConfigError || error instanceof DataDirectoryInUseError) {
      process.stderr.write(`${error.message}\n`);
    } else if (!(error instanceof PromptAborted)) {
      throw error;
    }
  }
}
