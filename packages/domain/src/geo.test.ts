import { coordinateIssues } from './geo';
import { parseProperty } from './inputs';

describe('coordinateIssues', () => {
  it.each([
    ['a Vienna hotel', 'AT', 48.2082, 16.3738],
    ['a London hotel', 'GB', 51.4918878, -0.1949706],
    ['a hotel on the Lisbon waterfront', 'PT', 38.7071, -9.1366],
    ['a property without coordinates', 'PT', null, null],
  ])('accepts %s', (_label, country, latitude, longitude) => {
    expect(coordinateIssues(country, latitude, longitude)).toEqual([]);
  });

  it('names swapped latitude and longitude', () => {
    const [issue] = coordinateIssues('AT', 16.3738, 48.2082);

    expect(issue).toMatchObject({ field: 'latitude', code: 'coordinates_swapped' });
    expect(issue!.message).toContain('(48.2082, 16.3738) lies in AT');
  });

  it('names the country a point really lies in', () => {
    const [issue] = coordinateIssues('AT', 48.1486, 17.1077);

    expect(issue).toMatchObject({ field: 'latitude', code: 'outside_country' });
    expect(issue!.message).toBe('(48.1486, 17.1077) lies in SK, not in AT');
  });

  it('rejects a point far out at sea', () => {
    expect(coordinateIssues('PT', 30, -30)[0]).toMatchObject({ code: 'outside_country', message: '(30, -30) lies at sea, not in PT' });
  });

  it('asks for the other half of a coordinate pair', () => {
    expect(coordinateIssues('PT', 38.7, null)).toEqual([
      { field: 'longitude', code: 'required_with', message: 'is required when latitude is given' },
    ]);
  });
});

describe('parseProperty', () => {
  const vienna = {
    property_id: 'vie-01', name: 'Hotel Wien', city: 'Vienna', country: 'AT',
    latitude: 48.2082, longitude: 16.3738, timezone: 'Europe/Vienna', rooms: 120,
  };

  it('accepts a well-formed property', () => {
    const parsed = parseProperty(vienna, 5);

    expect(parsed).toEqual({ ok: true, value: expect.objectContaining({ property_id: 'vie-01', rooms: 120, version: 5 }) });
  });

  it.each([
    ['latitude out of range', { latitude: 91 }, 'latitude', 'must lie within -90..90'],
    ['longitude out of range', { longitude: -181 }, 'longitude', 'must lie within -180..180'],
    ['an unknown time zone', { timezone: 'Europe/Atlantis' }, 'timezone', 'expected an IANA time zone such as Europe/Lisbon'],
    ['a country code that does not exist', { country: 'QQ' }, 'country', 'unknown country code "QQ"'],
  ])('names the field of %s', (_label, change, field, message) => {
    const parsed = parseProperty({ ...vienna, ...change }, 5);

    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.issues).toContainEqual(expect.objectContaining({ field, message }));
  });

  it('reports swapped coordinates with their own code', () => {
    const parsed = parseProperty({ ...vienna, latitude: 16.3738, longitude: 48.2082 }, 5);

    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.issues).toEqual([expect.objectContaining({ field: 'latitude', code: 'coordinates_swapped' })]);
  });
});
