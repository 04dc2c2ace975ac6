import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseEvent } from '../inputs';
import { bookingReviewsAdapter, hotelPropertyId, hotelToProperty } from './booking-reviews';

/** Three hotels in the shape of the per-hotel file; the third has no usable address. */
const HOTELS = [
  'Hotel_Address,Hotel_Name,lat,lng,country',
  ' s Gravesandestraat 55 Oost 1092 AA Amsterdam Netherlands,Hotel Arena,52.3605759,4.9159683,Netherlands',
  '24 Rue d Amsterdam 9th arr 75009 Paris France,Hôtel Amsterdam Rue,48.8777,2.3263,France',
  'Somewhere 1 Nowhere,Hotel Limbo,48.2,16.3,Austria',
].join('\n');

function hotelsFile(): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'staystream-hotels-')), 'hotels.csv');
  fs.writeFileSync(file, HOTELS + '\n');
  return file;
}

function review(overrides: Record<string, string> = {}): Record<string, string> {
  return { '': '272236', Hotel_Name: 'Hotel Arena', Reviewer_Nationality: ' United Kingdom ', Review_Date: '3/27/2016', Reviewer_Score: '9.2', ...overrides };
}

describe('booking reviews adapter', () => {
  const adapter = bookingReviewsAdapter({ hotelsFile: hotelsFile() });

  it('publishes the hotels of the per-hotel file that make valid properties', () => {
    expect(adapter.properties()).toEqual([
      expect.objectContaining({ property_id: 'bdc-hotel-arena', city: 'Amsterdam', country: 'NL', timezone: 'Europe/Amsterdam', latitude: 52.3605759 }),
      expect.objectContaining({ property_id: 'bdc-hotel-amsterdam-rue', city: 'Paris', country: 'FR', timezone: 'Europe/Paris' }),
    ]);
  });

  it('maps a review to a feedback event on a 0-10 scale, dated at local midnight of its day', () => {
    const mapped = adapter.mapRow(review(), 1);
    if (!mapped.ok) throw new Error(JSON.stringify(mapped.issues));

    const [event] = mapped.events;
    expect(event!.type).toBe('feedback');
    expect(event!.input).toMatchObject({
      property_id: 'bdc-hotel-arena',
      feedback_id: 'review-272236',
      site: 'booking.com',
      score_raw: 9.2,
      scale_min: 0,
      scale_max: 10,
      reviewer_country: 'GB',
      property_timezone: 'Europe/Amsterdam',
      // 27 March 2016 00:00 in Amsterdam, one hour ahead of UTC that day.
      occurred_at: Date.UTC(2016, 2, 26, 23, 0),
    });
    expect(parseEvent('feedback', event!.input, 0).ok).toBe(true);
  });

  it.each([
    ['a hotel missing from the per-hotel file', { Hotel_Name: 'Hotel Elsewhere' }, 'Hotel_Name', 'unknown_property'],
    ['a hotel whose row makes no property', { Hotel_Name: 'Hotel Limbo' }, 'Hotel_Name', 'invalid_property'],
    ['a day that does not exist', { Review_Date: '2/30/2016' }, 'Review_Date', 'invalid_date'],
    ['a score that is not a number', { Reviewer_Score: 'n/a' }, 'Reviewer_Score', 'invalid_number'],
    ['a nationality no list knows', { Reviewer_Nationality: ' Atlantis ' }, 'Reviewer_Nationality', 'unknown_country'],
  ])('rejects %s with the field and a reason', (_label, change, field, code) => {
    const mapped = adapter.mapRow(review(change), 1);

    expect(mapped.ok).toBe(false);
    if (mapped.ok) return;
    expect(mapped.issues).toEqual([expect.objectContaining({ field, code })]);
  });

  it('keeps a review without a nationality, with no source market', () => {
    const mapped = adapter.mapRow(review({ Reviewer_Nationality: ' ' }), 1);

    expect(mapped.ok && mapped.events[0]!.input.reviewer_country).toBeNull();
  });

  it('says which option it misses when no per-hotel file is given', () => {
    expect(() => bookingReviewsAdapter().properties()).toThrow('booking-reviews needs the per-hotel file');
  });
});

describe('hotelToProperty', () => {
  it('takes the city of the address\'s country when the street is named after another city', () => {
    const mapped = hotelToProperty({ Hotel_Name: 'X', Hotel_Address: '4 rue Amsterdam 9th arr 75009 Paris France', lat: '48.88', lng: '2.33' });

    expect(mapped.ok && mapped.property.city).toBe('Paris');
  });

  it('gives every hotel name its own id', () => {
    expect(hotelPropertyId('Hôtel Amsterdam Rue')).toBe('bdc-hotel-amsterdam-rue');
    expect(hotelPropertyId('A'.repeat(80))).toMatch(/^bdc-a{51}-[0-9a-f]{8}$/);
  });
});
