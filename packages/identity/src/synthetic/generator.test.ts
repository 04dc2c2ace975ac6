import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { normaliseEmail } from '../normalise/email';
import type { BookingRow, SyntheticBooking } from './generator';
import { createGuestGenerator } from './generator';

const FIXTURE = join(__dirname, '..', '..', 'fixtures', 'hotel-bookings-sample.csv');
const rows: BookingRow[] = parse(readFileSync(FIXTURE, 'utf8'), { columns: true });

function generate(seed: number | string): SyntheticBooking[] {
  const generator = createGuestGenerator(seed);
  return rows.map((row) => generator.next(row));
}

describe('createGuestGenerator', () => {
  const bookings = generate(7);

  it('gives the same output for the same seed', () => {
    expect(generate(7)).toEqual(bookings);
  });

  it('gives other output for another seed', () => {
    expect(generate(8)).not.toEqual(bookings);
  });

  it('reuses an earlier person of the same country for a repeated guest', () => {
    const seenBefore = new Map<string, string>();
    const reused: boolean[] = [];

    bookings.forEach((booking, index) => {
      const primary = booking.truth[booking.guests.findIndex((guest) => guest.role === 'guest')];
      if (rows[index]?.is_repeated_guest === '1') reused.push(seenBefore.has(primary as string));
      for (const person of booking.truth) seenBefore.set(person, rows[index]?.country ?? '');
    });

    expect(reused).toEqual([true, true, true, true, true]);
  });

  it('creates a new person for a first-time guest', () => {
    const firstTimers = bookings
      .filter((_, index) => rows[index]?.is_repeated_guest === '0')
      .map((booking) => booking.truth[booking.guests.findIndex((g) => g.role === 'guest')]);

    expect(new Set(firstTimers).size).toBe(firstTimers.length);
  });

  it('writes one guest record per adult', () => {
    const adults = rows.map((row) => Math.min(4, Math.max(1, Number(row.adults))));
    const travellers = bookings.map((b) => b.guests.filter((g) => g.role !== 'booker').length);

    expect(travellers).toEqual(adults);
  });

  it.each([
    ['a group booking', 'Groups'],
    ['a corporate booking', 'Corporate'],
  ])('puts a booker on %s', (_label, segment) => {
    const index = rows.findIndex((row) => row.market_segment === segment);

    expect(bookings[index]?.guests[0]?.role).toBe('booker');
  });

  it('aligns the truth with the guest records', () => {
    for (const booking of bookings) expect(booking.truth).toHaveLength(booking.guests.length);
  });

  it('gives online-agency guests OTA aliases', () => {
    const kinds = bookings
      .filter((_, index) => rows[index]?.market_segment === 'Online TA')
      .flatMap((booking) => booking.guests.map((guest) => normaliseEmail(guest.email)?.kind));

    expect(kinds).toContain('ota_alias');
  });
});
