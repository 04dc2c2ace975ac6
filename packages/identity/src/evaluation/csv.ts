import { parse } from 'csv-parse/sync';
import type { GuestRecord, GuestRole } from '../model';
import type { PostalAddress } from '../normalise/address';

export type CsvRow = Record<string, string>;

export interface GuestCsv {
  records: GuestRecord[];
  rows: CsvRow[];
  columns: string[];
  idColumn: string;
}

export interface GuestCsvOptions {
  /** Column holding the record id. @defaultValue the first of rec_id, unique_id, record_id, id */
  idColumn?: string;
  /** Columns never read as features (the truth). */
  excludeColumns?: readonly string[];
  /**
   * Read national-id columns (febrl's soc_sec_id) as a strong identifier. Off by default: such
   * numbers are sensitive and a benchmark that uses them overstates what hotels can do.
   */
  useSensitiveIds?: boolean;
}

type Setter = (record: GuestRecord, value: string) => void;

const ID_COLUMNS = ['rec_id', 'unique_id', 'record_id', 'id', 'guest_id', 'profile_id'];
const SENSITIVE_ID_COLUMNS = ['soc_sec_id', 'ssn', 'national_id'];

/** Common column names → record fields. Names are compared lower-case with `_` for separators. */
const COLUMN_SETTERS: ReadonlyArray<[readonly string[], Setter]> = [
  [['given_name', 'first_name', 'firstname', 'forename', 'given'], (r, v) => (r.givenName = v)],
  [['surname', 'last_name', 'lastname', 'family_name'], (r, v) => (r.familyName = v)],
  [['name', 'full_name', 'guest_name'], (r, v) => (r.fullName = v)],
  [['email', 'email_address', 'e_mail'], (r, v) => (r.email = v)],
  [['phone', 'phone_number', 'mobile', 'telephone', 'tel'], (r, v) => (r.phone = v)],
  [['date_of_birth', 'dob', 'birth_date', 'birthdate'], (r, v) => (r.birthDate = v)],
  [['street_number', 'house_number'], (r, v) => setAddress(r, 'streetNumber', v)],
  [
    ['address_1', 'address1', 'address_line_1', 'street', 'address'],
    (r, v) => setAddress(r, 'line1', v),
  ],
  [['address_2', 'address2', 'address_line_2'], (r, v) => setAddress(r, 'line2', v)],
  [['suburb', 'city', 'town'], (r, v) => setAddress(r, 'city', v)],
  [['postcode', 'postal_code', 'zip', 'zipcode'], (r, v) => setAddress(r, 'postcode', v)],
  [['state', 'region'], (r, v) => setAddress(r, 'state', v)],
  [['country'], (r, v) => (r.country = v)],
  [['role'], (r, v) => (r.role = v as GuestRole)],
  [['observed_at', 'updated_at'], (r, v) => (r.observedAt = v)],
];

/** Parses CSV text (febrl's ", " separators included) into guest records. */
export function parseGuestCsv(text: string, options: GuestCsvOptions = {}): GuestCsv {
  const rows: CsvRow[] = parse(text, {
    columns: canonicalHeader,
    trim: true,
    skip_empty_lines: true,
  });
  const columns = Object.keys(rows[0] ?? {});
  const idColumn = options.idColumn ?? ID_COLUMNS.find((column) => columns.includes(column));
  if (idColumn === undefined || !columns.includes(idColumn)) {
    throw new RangeError(`no id column among ${columns.join(', ')}; pass idColumn`);
  }

  const setters = settersFor(columns, idColumn, options);
  const records = rows.map((row) => {
    const record: GuestRecord = { recordId: row[idColumn] as string };
    for (const [column, set] of setters) {
      const value = row[column] ?? '';
      if (value !== '') set(record, value);
    }
    return record;
  });

  return { records, rows, columns, idColumn };
}

function canonicalHeader(header: string[]): string[] {
  return header.map((name) =>
    name
      .trim()
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_'),
  );
}

function settersFor(
  columns: readonly string[],
  idColumn: string,
  options: GuestCsvOptions,
): Array<[string, Setter]> {
  const excluded = new Set([idColumn, ...(options.excludeColumns ?? [])]);
  const setters: Array<[string, Setter]> = [];

  for (const column of columns) {
    if (excluded.has(column)) continue;
    const match = COLUMN_SETTERS.find(([names]) => names.includes(column));
    if (match !== undefined) setters.push([column, match[1]]);
    if (options.useSensitiveIds === true && SENSITIVE_ID_COLUMNS.includes(column)) {
      setters.push([column, (record, value) => addLoyalty(record, column, value)]);
    }
  }
  return setters;
}

function setAddress(record: GuestRecord, part: keyof PostalAddress, value: string): void {
  record.address = { ...record.address, [part]: value };
}

function addLoyalty(record: GuestRecord, programme: string, number: string): void {
  record.loyalty = [...(record.loyalty ?? []), { programme, number }];
}
