/**
 * The Node entry points' start (main.ts, worker.ts): the parsed environment, or one clear line on
 * stderr and exit 1. `check` adds what one entry point alone requires.
 */
import { ConfigError, loadConfig, type Config } from './config.ts';

export function configOrExit(check: (config: Config) => void = () => undefined): Config {
  try {
    const config = loadConfig(process.env);
    check(config);
    return config;
  } catch (error) {
    return exitOnConfigError(error);
  }
}

/** A ConfigError (a bad variable, an unreachable database) ends the start with its one line; anything else is rethrown. */
export function exitOnConfigError(error: unknown): never {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}
