export { loadConfig, ConfigError } from './load';
export { infraConfig } from './fragments';
export type { InfraConfig } from './fragments';
