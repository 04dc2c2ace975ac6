import { parseEvent, parseProperty } from './inputs';

const reservation = (overrides: Record<string, unknown> = {}) => ({
  property_id: 'lisbon-01',
  source_system: 'pms',
  reservation_id: 'R-1',
  occurred_at: '2026-01-10T09:00:00Z',
  status: 'confirmed',
  arrival_date: '2026-03-01',
  departure_date: '2026-03-03',
  adults: 2,
  currency: 'eur',
  guest_country: 'PRT',
  ...overrides,
});

describe('parseEvent', () => {
  it('builds the Avro record with a normalised body and a full envelope', () => {
    const result = parseEvent('reservation', reservation(), 1_000);
    if (!result.ok) throw new Error(JSON.stringify(result.issues));

    const { record, key } = result.value as { record: any; key: string };
    expect(record.currency).toBe('EUR');
    expect(record.guest_country).toBe('PT');
    expect(record.envelope).toMatchObject({
      event_type: 'reservation',
      event_kind: 'snapshot',
      tenant_id: 'default',
      source_version: Date.parse('2026-01-10T09:00:00Z'),
      received_at: 1_000,
    });
    expect(key).toBe('default:lisbon-01:R-1');
  });

  it('derives the same event id for the same source version, another for a newer one', () => {
    const id = (input: object) => {
      const result = parseEvent('reservation', input, Date.now());
      return result.ok ? result.value.record.envelope.event_id : null;
    };

    expect(id(reservation())).toBe(id(reservation()));
    expect(id(reservation({ source_version: 2 }))).not.toBe(id(reservation()));
  });

  it.each([
    ['an impossible date', { arrival_date: '2026-02-30' }, 'arrival_date', 'YYYY-MM-DD'],
    ['a departure before arrival', { departure_date: '2026-02-01' }, 'departure_date', 'before arrival_date'],
    ['a negative rate', { nightly_rate: -5 }, 'nightly_rate', 'negative'],
    ['an unknown country', { guest_country: 'XYZ' }, 'guest_country', 'unknown country'],
    ['a bad currency', { currency: 'euro' }, 'currency', 'ISO 4217'],
    ['no guest at all', { adults: 0 }, 'adults', 'at least one guest'],
    ['an unknown status', { status: 'maybe' }, 'status', ''],
    ['a missing id', { reservation_id: undefined }, 'reservation_id', ''],
    ['a bad time zone', { property_timezone: 'Europe/Atlantis' }, 'property_timezone', 'IANA'],
    ['a bad instant', { occurred_at: 'yesterday' }, 'occurred_at', 'ISO 8601'],
  ])('names the field for %s', (_label, overrides, field, message) => {
    const result = parseEvent('reservation', reservation(overrides), Date.now());

    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.issues).toEqual(expect.arrayContaining([expect.objectContaining({ field, message: expect.stringContaining(message) })]));
    }
  });

  it('rejects what is not a JSON object', () => {
    expect(parseEvent('stay', [1, 2], 0)).toEqual({
      ok: false,
      issues: [{ field: '(root)', code: 'invalid_type', message: 'expected a JSON object' }],
    });
  });

  it('checks a feedback score against its own scale', () => {
    const feedback = { property_id: 'p', source_system: 's', feedback_id: 'f', site: 'booking.com', occurred_at: 0, scale_max: 10 };

    expect(parseEvent('feedback', { ...feedback, score_raw: 8.5 }, 0).ok).toBe(true);
    const bad = parseEvent('feedback', { ...feedback, score_raw: 11 }, 0);
    expect(bad.ok ? [] : bad.issues.map((i) => i.field)).toEqual(['score_raw']);
  });
});

describe('parseProperty', () => {
  it('requires a known country and an IANA zone, and keeps coordinates in range', () => {
    const bad = parseProperty({ property_id: 'p', name: 'Hotel', country: 'ZZZ', timezone: 'Lisbon', latitude: 91 }, 0);

    expect(bad.ok ? [] : bad.issues.map((i) => i.field).sort()).toEqual(['country', 'latitude', 'timezone']);
  });
});
