/** The library API: the same build the CLI runs, and the pieces to configure it. */
export { build, type BuildOptions, type BuildOutput, type BuildResult } from './build.js';
export { ConfigError, DEFAULT_CONFIG_FILE, loadConfig, type Config, type Person } from './config.js';
export { configSchema, parseConfig } from './config-schema.js';
export { formatDiagnostic, type Diagnostic, type Severity } from './diagnostics.js';
export type { Timestamp, TimestampSource, Precision } from './time/timestamp.js';
