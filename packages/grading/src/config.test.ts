import {
  DEFAULT_GRADING_CONFIG,
  GradingConfigError,
  configVersion,
  resolveGradingConfig,
} from './config';

describe('resolveGradingConfig', () => {
  it('applies the DOMAIN §3.6 defaults and freezes the result', () => {
    const config = resolveGradingConfig();

    expect(config).toEqual(DEFAULT_GRADING_CONFIG);
    expect(config).toMatchObject({
      windowMonths: 36,
      halfLifeMonths: 12,
      newCustomerDays: 90,
      downgradeAfterRuns: 3,
      tierSharesPercent: { a: 5, b: 15, c: 30 },
      valueWeights: { r: 0.3, f: 0.3, m: 0.4 },
      frequencyBandMinStays: [1, 2, 3, 5, 10],
    });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.tierSharesPercent)).toBe(true);
  });

  it.each([
    ['windowMonths', { windowMonths: 0 }, /windowMonths=0, expected a whole number from 1/],
    ['halfLifeMonths', { halfLifeMonths: -1 }, /halfLifeMonths=-1/],
    ['downgradeAfterRuns', { downgradeAfterRuns: 0 }, /downgradeAfterRuns=0/],
    ['tier shares over 100 %', { tierSharesPercent: { a: 50, b: 40, c: 20 } }, /at most 100/],
    [
      'fractional tier shares',
      { tierSharesPercent: { a: 2.5, b: 15, c: 30 } },
      /tierSharesPercent.a=2.5/,
    ],
    ['weights not adding up to 1', { valueWeights: { r: 0.5, f: 0.3, m: 0.4 } }, /equal to 1/],
    ['unordered F bands', { frequencyBandMinStays: [1, 3, 2, 5, 10] as const }, /ascending/],
    ['an unknown F basis', { frequencyBasis: 'nights' as 'rawCount' }, /rawCount, decayedCount/],
  ])('names the key, the value and what is accepted for %s', (_label, overrides, message) => {
    expect(() => resolveGradingConfig(overrides)).toThrow(GradingConfigError);
    expect(() => resolveGradingConfig(overrides)).toThrow(message);
  });
});

describe('configVersion', () => {
  it('is stable for equal settings and changes with any of them', () => {
    const base = configVersion(resolveGradingConfig());

    expect(configVersion(resolveGradingConfig())).toBe(base);
    expect(base).toMatch(/^rfm-1\+[0-9a-f]{8}$/);
    expect(configVersion(resolveGradingConfig({ newCustomerDays: 60 }))).not.toBe(base);
  });
});
