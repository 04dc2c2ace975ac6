/**
 * Grading settings. Defaults follow DOMAIN §3.6 and are meant to be tuned per tenant; every
 * option carries its unit in its name.
 */
export interface GradingConfig {
  /**
   * Name of the model; bump it when the scoring rules change in code. The settings themselves
   * are fingerprinted by `configVersion`, so changing a number needs no bump.
   * @defaultValue 'rfm-1'
   */
  readonly modelVersion: string;
  /**
   * Look-back window: stays that departed in the last this-many calendar months count.
   * Hotel marketers use two to three years, because most guests stay rarely.
   * @defaultValue 36
   */
  readonly windowMonths: number;
  /**
   * Half-life of a stay's weight in F and M: a stay this many months old counts half.
   * A big spender from three years ago then slides down instead of falling off a cliff.
   * @defaultValue 12
   */
  readonly halfLifeMonths: number;
  /**
   * A guest whose first completed stay departed fewer than this many days ago is tier N (new):
   * one fresh stay is not yet comparable with a history.
   * @defaultValue 90
   */
  readonly newCustomerDays: number;
  /**
   * Consecutive daily runs a guest must compute below its held tier before the held tier drops,
   * one tier at a time. Counted in runs, not days, so a skipped night delays a downgrade.
   * @defaultValue 3
   */
  readonly downgradeAfterRuns: number;
  /**
   * Shares of the graded population, in whole percent, for tiers A, B and C; D is the rest.
   * @defaultValue { a: 5, b: 15, c: 30 }
   */
  readonly tierSharesPercent: { readonly a: number; readonly b: number; readonly c: number };
  /**
   * Weights of the R, F and M scores in the value V; they must add up to 1.
   * @defaultValue { r: 0.3, f: 0.3, m: 0.4 }
   */
  readonly valueWeights: { readonly r: number; readonly f: number; readonly m: number };
  /**
   * Lowest stay count for F scores 1 to 5. Fixed bands, because most hotel guests stay once
   * and frequency quintiles would collapse. The default bands are 1, 2, 3–4, 5–9 and 10+.
   * @defaultValue [1, 2, 3, 5, 10]
   */
  readonly frequencyBandMinStays: readonly [number, number, number, number, number];
  /**
   * What the F bands are applied to: the raw count of stays in the window, or the decayed count.
   * With the raw count, decay shows in F's reported value only; with the decayed count, an old
   * stay counts less than one towards a band.
   * @defaultValue 'rawCount'
   */
  readonly frequencyBasis: 'rawCount' | 'decayedCount';
  /**
   * Value points added to V for a promoter and taken off for a detractor, judged on the mean
   * NPS (0–10) of the guest's survey answers in the window: 9 or more promotes, 6 or less
   * detracts. V stays within 1–5. Zero switches feedback off, which keeps grades a pure
   * function of stays.
   * @defaultValue 0
   */
  readonly feedbackValuePoints: number;
  /**
   * ISO 4217 code of the reporting currency that revenue facts arrive in; used in explanations.
   * @defaultValue 'EUR'
   */
  readonly reportingCurrency: string;
}

export const DEFAULT_GRADING_CONFIG: GradingConfig = Object.freeze({
  modelVersion: 'rfm-1',
  windowMonths: 36,
  halfLifeMonths: 12,
  newCustomerDays: 90,
  downgradeAfterRuns: 3,
  tierSharesPercent: Object.freeze({ a: 5, b: 15, c: 30 }),
  valueWeights: Object.freeze({ r: 0.3, f: 0.3, m: 0.4 }),
  frequencyBandMinStays: Object.freeze([1, 2, 3, 5, 10] as const),
  frequencyBasis: 'rawCount',
  feedbackValuePoints: 0,
  reportingCurrency: 'EUR',
});

export class GradingConfigError extends Error {
  readonly code = 'GRADING_CONFIG_INVALID';

  constructor(
    readonly key: string,
    readonly value: unknown,
    readonly accepted: string,
  ) {
    super(`invalid grading config: ${key}=${JSON.stringify(value)}, expected ${accepted}`);
    this.name = 'GradingConfigError';
  }
}

/** Merges overrides into the defaults, checks every value and freezes the result. */
export function resolveGradingConfig(overrides: Partial<GradingConfig> = {}): GradingConfig {
  const config = { ...DEFAULT_GRADING_CONFIG, ...overrides };

  requireText('modelVersion', config.modelVersion);
  requireInteger('windowMonths', config.windowMonths, 1, 240);
  requireNumber('halfLifeMonths', config.halfLifeMonths, Number.MIN_VALUE, 1200);
  requireInteger('newCustomerDays', config.newCustomerDays, 0, 3650);
  requireInteger('downgradeAfterRuns', config.downgradeAfterRuns, 1, 365);
  checkTierShares(config.tierSharesPercent);
  checkValueWeights(config.valueWeights);
  checkFrequencyBands(config.frequencyBandMinStays);
  requireOneOf('frequencyBasis', config.frequencyBasis, ['rawCount', 'decayedCount']);
  requireNumber('feedbackValuePoints', config.feedbackValuePoints, 0, 4);
  requireText('reportingCurrency', config.reportingCurrency);

  return Object.freeze({
    ...config,
    tierSharesPercent: Object.freeze({ ...config.tierSharesPercent }),
    valueWeights: Object.freeze({ ...config.valueWeights }),
    frequencyBandMinStays: Object.freeze([...config.frequencyBandMinStays]) as
      GradingConfig['frequencyBandMinStays'],
  });
}

/**
 * Names one exact configuration: the model version plus a fingerprint of every setting, so
 * thresholds and grades record which numbers made them.
 */
export function configVersion(config: GradingConfig): string {
  return `${config.modelVersion}+${fnv1a32(canonicalJson(config))}`;
}

function checkTierShares(shares: GradingConfig['tierSharesPercent']): void {
  requireInteger('tierSharesPercent.a', shares.a, 0, 100);
  requireInteger('tierSharesPercent.b', shares.b, 0, 100);
  requireInteger('tierSharesPercent.c', shares.c, 0, 100);

  const total = shares.a + shares.b + shares.c;
  if (total > 100) {
    throw new GradingConfigError('tierSharesPercent', shares, 'a + b + c of at most 100');
  }
}

function checkValueWeights(weights: GradingConfig['valueWeights']): void {
  requireNumber('valueWeights.r', weights.r, 0, 1);
  requireNumber('valueWeights.f', weights.f, 0, 1);
  requireNumber('valueWeights.m', weights.m, 0, 1);

  if (Math.abs(weights.r + weights.f + weights.m - 1) > 1e-9) {
    throw new GradingConfigError('valueWeights', weights, 'r + f + m equal to 1');
  }
}

function checkFrequencyBands(bands: readonly number[]): void {
  const ascending = bands.every((band, i) => i === 0 || band > (bands[i - 1] ?? 0));
  const valid = bands.length === 5 && bands.every((band) => Number.isInteger(band) && band >= 0);

  if (!valid || !ascending) {
    throw new GradingConfigError(
      'frequencyBandMinStays',
      bands,
      'five strictly ascending whole numbers',
    );
  }
}

function requireInteger(key: string, value: unknown, min: number, max: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new GradingConfigError(key, value, `a whole number from ${min} to ${max}`);
  }
}

function requireNumber(key: string, value: unknown, min: number, max: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new GradingConfigError(key, value, `a number from ${min} to ${max}`);
  }
}

function requireText(key: string, value: unknown): void {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new GradingConfigError(key, value, 'a non-empty string');
  }
}

function requireOneOf(key: string, value: unknown, accepted: readonly string[]): void {
  if (typeof value !== 'string' || !accepted.includes(value)) {
    throw new GradingConfigError(key, value, `one of ${accepted.join(', ')}`);
  }
}

/** JSON with object keys sorted, so equal settings always print the same. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJson).join(',')}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** 32-bit FNV-1a over UTF-16 code units, as eight hex digits. Not cryptographic: a fingerprint. */
function fnv1a32(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}
