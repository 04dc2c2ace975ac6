import { parseProperty } from './inputs';
import { propertyFromRow } from './properties-csv';

describe('propertyFromRow', () => {
  it('reads our own columns, numbers as numbers', () => {
    const row = { id: 'vie-01', name: 'Hotel Wien', brand: '', city: 'Vienna', region: 'Vienna', country: 'AT', latitude: '48.2082', longitude: '16.3738', timezone: 'Europe/Vienna', rooms: '120' };

    const mapped = propertyFromRow(row);

    expect(mapped).toEqual({
      ok: true,
      input: { property_id: 'vie-01', name: 'Hotel Wien', city: 'Vienna', region: 'Vienna', country: 'AT', latitude: 48.2082, longitude: 16.3738, timezone: 'Europe/Vienna', rooms: 120 },
    });
    expect(mapped.ok && parseProperty(mapped.input, 1).ok).toBe(true);
  });

  it('names a number written with a decimal comma', () => {
    expect(propertyFromRow({ property_id: 'x', latitude: '48,2' })).toEqual({
      ok: false,
      issues: [{ field: 'latitude', code: 'invalid_number', message: 'expected a number, got "48,2"' }],
    });
  });

  it('reads a row of the Booking.com per-hotel file', () => {
    const mapped = propertyFromRow({ Hotel_Name: 'Hotel Arena', Hotel_Address: '1092 AA Amsterdam Netherlands', lat: '52.36', lng: '4.91' });

    expect(mapped.ok && mapped.input).toMatchObject({ property_id: 'bdc-hotel-arena', country: 'NL', timezone: 'Europe/Amsterdam' });
  });
});
