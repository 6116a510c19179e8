/**
 * The config file's name, and the errors that stop a build before it starts: in a module of its
 * own, so the command line can name them without loading the config schema.
 */
import type { Diagnostic } from '../diagnostics.js';

export const DEFAULT_CONFIG_FILE = 'syndicate.config.json';

/** The config cannot be read or is not valid: every problem, each with its key and line. */
export class ConfigError extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(diagnostics.map((d) => d.message).join('\n'));
  }
}

/** The options name something the build must not do (an output folder it must not replace): exit 2. */
export class OptionError extends Error {}
