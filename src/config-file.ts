/** The config file's name, in a module of its own so the command line can name it without loading the config schema. */
export const DEFAULT_CONFIG_FILE = 'syndicate.config.json';
