/**
 * Comparison levels per field, best agreement first. A pair of records gets one level per field
 * where both sides have a value; a missing side contributes nothing (weight 0).
 */
export const FIELD_LEVELS = {
  given: ['exact', 'nickname', 'close', 'fuzzy', 'initial', 'different'],
  family: ['exact', 'close', 'fuzzy', 'token', 'different'],
  birthDate: ['exact', 'swap', 'typo', 'year', 'different'],
  email: ['exact', 'local', 'fuzzy', 'different'],
  phone: ['exact', 'suffix', 'different'],
  postcode: ['exact', 'typo', 'different'],
  streetNumber: ['exact', 'different'],
  street: ['exact', 'close', 'fuzzy', 'different'],
  line2: ['exact', 'close', 'different'],
  city: ['exact', 'close', 'different'],
  state: ['exact', 'different'],
} as const;

export type Field = keyof typeof FIELD_LEVELS;
export type Level<F extends Field = Field> = (typeof FIELD_LEVELS)[F][number];

export const FIELDS = Object.keys(FIELD_LEVELS) as Field[];

/** The level each field reached for one pair; absent when either side lacks the field. */
export type ComparisonVector = { [F in Field]?: Level<F> };
