import { z } from 'zod';
import { ConfigError, loadConfig } from './load';

describe('loadConfig', () => {
  const shape = {
    PORT: z.coerce.number().int().min(1).max(65535).default(8080),
    MODE: z.enum(['fast', 'safe']).default('safe'),
  };

  it('applies defaults and freezes the result', () => {
    const config = loadConfig(shape, {});

    expect(config).toEqual({ PORT: 8080, MODE: 'safe' });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('names the key, the value and what is accepted', () => {
    expect(() => loadConfig(shape, { PORT: '70000', MODE: 'turbo' })).toThrow(ConfigError);

    try {
      loadConfig(shape, { PORT: '70000', MODE: 'turbo' });
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain('PORT="70000"');
      expect(message).toContain('MODE="turbo"');
      expect(message).toMatch(/fast|safe/);
    }
  });

  it('names a secret setting without showing its value', () => {
    const secret = { SOURCE_KEY_PEPPER: z.string().min(16, 'must be at least 16 characters') };

    expect(() => loadConfig(secret, { SOURCE_KEY_PEPPER: 'hunter2' })).toThrow(
      'SOURCE_KEY_PEPPER=(secret, 7 characters): must be at least 16 characters',
    );
  });
});
