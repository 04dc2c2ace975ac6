import type { MatchModel, MatchWeights } from './match/model';
import { PRIOR_MODEL, compileWeights } from './match/model';
import type { BirthDateRules } from './normalise/birth-date';
import { DEFAULT_BIRTH_DATE_RULES } from './normalise/birth-date';
import { toCountryCode } from './normalise/country';
import type { EmailRules } from './normalise/email';
import { DEFAULT_EMAIL_RULES } from './normalise/email';
import { normalisePropertyPhones } from './normalise/phone';

/**
 * When two different birth dates veto a link (and keep two customers apart):
 * - `unless_swap`: always, except a day/month swap (the rule taken literally);
 * - `unless_swap_or_typo`: also except one mistyped digit or two exchanged neighbours;
 * - `off`: never; a disagreement only weighs against the pair (for sources with unreliable dates).
 */
export type BirthDateVeto = 'unless_swap' | 'unless_swap_or_typo' | 'off';

const BIRTH_DATE_VETOES: readonly BirthDateVeto[] = ['unless_swap', 'unless_swap_or_typo', 'off'];

export interface IdentityOptionsInput {
  email?: Partial<EmailRules>;
  birthDate?: Partial<BirthDateRules>;
  /** The property's country (alpha-2 or alpha-3): the phone region when the guest has none. */
  propertyCountry?: string;
  /** The property's own phone numbers: placeholders when typed on a guest. */
  propertyPhones?: readonly string[];
  /**
   * An e-mail, phone or loyalty number seen with more distinct names than this is shared
   * (a company inbox, a travel agent's phone) and stops linking. @defaultValue 3
   */
  maxNamesPerIdentifier?: number;
  /** A merge that would make a customer larger than this becomes a proposal. @defaultValue 40 */
  maxClusterSize?: number;
  /** Records compared per blocking key, oldest first. @defaultValue 15 */
  maxCandidatesPerKey?: number;
  /**
   * Match weight (log2 likelihood ratio) at or above which a pair links. 16 bits is odds of
   * about 65,000 to 1, the prior odds against two random guests of a base of ~100,000 being one
   * person: the pair's evidence has to overcome them. @defaultValue 16
   */
  autoLinkWeight?: number;
  /** Match weight at or above which a pair becomes a merge proposal. @defaultValue 10 */
  reviewWeight?: number;
  /** @defaultValue 'unless_swap_or_typo' */
  birthDateVeto?: BirthDateVeto;
  /** m/u probabilities per comparison level. @defaultValue PRIOR_MODEL */
  model?: MatchModel;
}

export interface IdentityOptions {
  readonly email: EmailRules;
  readonly birthDate: BirthDateRules;
  readonly propertyCountry?: string;
  readonly propertyPhoneSet: ReadonlySet<string>;
  readonly maxNamesPerIdentifier: number;
  readonly maxClusterSize: number;
  readonly maxCandidatesPerKey: number;
  readonly autoLinkWeight: number;
  readonly reviewWeight: number;
  readonly birthDateVeto: BirthDateVeto;
  readonly model: MatchModel;
  readonly weights: MatchWeights;
}

/** A bad option value: names the key, the value and what is accepted. */
export class IdentityOptionsError extends RangeError {
  readonly code = 'identity_options_invalid';

  constructor(
    readonly key: string,
    value: unknown,
    accepted: string,
  ) {
    super(`identity option ${key}=${JSON.stringify(value)} is invalid; accepted: ${accepted}`);
    this.name = 'IdentityOptionsError';
  }
}

/** Fills defaults, validates once and freezes: the only form the resolver accepts. */
export function resolveIdentityOptions(input: IdentityOptionsInput = {}): IdentityOptions {
  const propertyCountry = toCountryCode(input.propertyCountry);
  if (input.propertyCountry !== undefined && propertyCountry === undefined) {
    throw new IdentityOptionsError('propertyCountry', input.propertyCountry, 'ISO alpha-2/3');
  }

  const options: IdentityOptions = {
    email: { ...DEFAULT_EMAIL_RULES, ...input.email },
    birthDate: { ...DEFAULT_BIRTH_DATE_RULES, ...input.birthDate },
    ...(propertyCountry === undefined ? {} : { propertyCountry }),
    propertyPhoneSet: normalisePropertyPhones(input.propertyPhones ?? [], propertyCountry),
    maxNamesPerIdentifier: positiveInteger('maxNamesPerIdentifier', input.maxNamesPerIdentifier, 3),
    maxClusterSize: positiveInteger('maxClusterSize', input.maxClusterSize, 40),
    maxCandidatesPerKey: positiveInteger('maxCandidatesPerKey', input.maxCandidatesPerKey, 15),
    autoLinkWeight: input.autoLinkWeight ?? 16,
    reviewWeight: input.reviewWeight ?? 10,
    birthDateVeto: input.birthDateVeto ?? 'unless_swap_or_typo',
    model: input.model ?? PRIOR_MODEL,
    weights: compileWeights(input.model ?? PRIOR_MODEL),
  };

  validateThresholds(options);
  return Object.freeze(options);
}

function positiveInteger(key: string, value: number | undefined, fallback: number): number {
  const resolved = value ?? fallback;
  if (!Number.isInteger(resolved) || resolved < 1) {
    throw new IdentityOptionsError(key, value, 'an integer ≥ 1');
  }
  return resolved;
}

function validateThresholds(options: IdentityOptions): void {
  if (!Number.isFinite(options.autoLinkWeight)) {
    throw new IdentityOptionsError('autoLinkWeight', options.autoLinkWeight, 'a finite number');
  }
  if (!(options.reviewWeight <= options.autoLinkWeight)) {
    throw new IdentityOptionsError('reviewWeight', options.reviewWeight, '≤ autoLinkWeight');
  }
  if (!BIRTH_DATE_VETOES.includes(options.birthDateVeto)) {
    const accepted = BIRTH_DATE_VETOES.join(' | ');
    throw new IdentityOptionsError('birthDateVeto', options.birthDateVeto, accepted);
  }
}
