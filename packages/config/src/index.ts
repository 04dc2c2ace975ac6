export { loadConfig, ConfigError } from './load';
export { infraConfig, faultConfig, FAULT_POINTS } from './fragments';
export type { FaultPoint } from './fragments';
export type { InfraConfig } from './fragments';
