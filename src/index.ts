/** The library API: the same build the CLI runs, and the pieces to configure it. */
export { build, type BuildOptions } from './build.js';
export { ConfigError, DEFAULT_CONFIG_FILE, OptionError } from './config/file.js';
export { loadConfig } from './config/load.js';
export { configSchema, parseConfig, type Config, type Person } from './config/schema.js';
export { formatDiagnostic, type Diagnostic, type Severity } from './diagnostics.js';
export type { BuildOutput, BuildResult } from './output/result.js';
export { Rebuild, type RebuildRequest } from './rebuild/index.js';
export type { Timestamp, TimestampSource, Precision } from './time/timestamp.js';
