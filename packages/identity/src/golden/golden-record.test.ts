import type { GuestRecord } from '../model';
import { normaliseRecord } from '../normalise/record';
import { resolveIdentityOptions } from '../options';
import { buildGoldenRecord } from './golden-record';

const options = resolveIdentityOptions({ propertyCountry: 'GB' });

/** One customer seen four times; arrival order differs from observation time on purpose. */
const records: GuestRecord[] = [
  {
    recordId: 'r1',
    observedAt: '2023-01-10T09:00:00Z',
    givenName: 'J.',
    familyName: 'Smith',
    email: 'j.smith@gmail.com',
    phone: '07911 123456',
    address: { line1: '1 Old Road', city: 'Leeds', postcode: 'LS1 1AA' },
  },
  {
    recordId: 'r2',
    observedAt: '2024-05-01T09:00:00Z',
    givenName: 'John',
    familyName: 'Smith',
    email: 'John.Smith+work@Outlook.com',
    phone: '+44 7700 123457',
  },
  {
    recordId: 'r3',
    observedAt: '2025-02-01T09:00:00Z',
    givenName: 'John Andrew',
    familyName: 'Smith',
    email: 'jsmith.88123@guest.booking.com',
    phone: '+44 7911 123456',
    birthDate: '1980-04-02',
    address: { line1: '22 New Street', city: 'York', postcode: 'YO1 7HH' },
  },
  {
    recordId: 'r4',
    observedAt: '2022-06-01T09:00:00Z',
    givenName: 'Jon',
    familyName: 'Smith',
    phone: '+447911123456',
    birthDate: '1980-02-04',
    loyalty: [{ programme: 'Aurora Club', number: 'AC-991' }],
  },
];

describe('buildGoldenRecord', () => {
  const golden = buildGoldenRecord(
    'cus_1',
    records.map((record) => normaliseRecord(record, options)),
  );

  it.each([
    [
      'the most recent personal e-mail, not a newer OTA alias',
      'email',
      'John.Smith+work@Outlook.com',
      ['r2'],
    ],
    ['the most frequent phone', 'phone', '+447911123456', ['r1', 'r3', 'r4']],
    ['the most complete name', 'name', { given: 'John Andrew', family: 'Smith' }, ['r3']],
    [
      'the latest address',
      'address',
      { line1: '22 New Street', city: 'York', postcode: 'YO1 7HH' },
      ['r3'],
    ],
  ] as const)('keeps %s', (_label, attribute, value, sourceRecordIds) => {
    expect(golden[attribute]).toEqual({ value, sourceRecordIds });
  });

  it('breaks a frequency tie in favour of the more recent birth date', () => {
    expect(golden.birthDate).toEqual({ value: '1980-04-02', sourceRecordIds: ['r3'] });
  });

  it('keeps every loyalty membership with its source', () => {
    expect(golden.loyalty).toEqual([
      { value: { programme: 'auroraclub', number: 'AC991' }, sourceRecordIds: ['r4'] },
    ]);
  });

  it('lists the records behind the customer', () => {
    expect(golden.recordIds).toEqual(['r1', 'r2', 'r3', 'r4']);
  });
});
