import { z } from 'zod';

/** Settings whose values never appear in a message. */
const SECRET_KEY = /(PEPPER|SECRET|PASSWORD|TOKEN|API_KEY)$/;

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/**
 * Parses the environment once against a service's schema and freezes the result.
 * This is the only place in Staystream that reads process.env.
 */
export function loadConfig<T extends z.ZodRawShape>(
  shape: T,
  env: NodeJS.ProcessEnv = process.env,
): Readonly<z.infer<z.ZodObject<T>>> {
  const schema = z.object(shape);
  const result = schema.safeParse(pick(env, Object.keys(shape)));

  if (!result.success) {
    const lines = result.error.issues.map((issue) => {
      const key = issue.path.join('.');
      const value = env[key];
      const shown = value === undefined ? 'unset' : SECRET_KEY.test(key) ? `(secret, ${value.length} characters)` : JSON.stringify(value);
      return `  ${key}=${shown}: ${issue.message}`;
    });
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }

  return Object.freeze(result.data);
}

function pick(env: NodeJS.ProcessEnv, keys: string[]): Record<string, string | undefined> {
  const picked: Record<string, string | undefined> = {};
  for (const key of keys) {
    const value = env[key];
    picked[key] = value === '' ? undefined : value;
  }
  return picked;
}
