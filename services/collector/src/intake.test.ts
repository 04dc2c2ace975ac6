import { splitNdjson, takeIn } from './intake';

const good = {
  property_id: 'p1', source_system: 'pms', reservation_id: 'R1', occurred_at: 0, status: 'confirmed',
  arrival_date: '2026-01-01', departure_date: '2026-01-02', adults: 1, currency: 'EUR',
};

describe('takeIn', () => {
  it('accepts the good items of a mixed batch and lists each bad one with its index', () => {
    const result = takeIn('reservation', [good, { ...good, adults: -1, event_id: 'bad-1' }, good], 0);

    expect(result.events).toHaveLength(2);
    expect(result.rejected).toEqual([
      { index: 1, eventId: 'bad-1', issues: [expect.objectContaining({ field: 'adults', message: 'must not be negative' })] },
    ]);
    expect(result.rejections[0]).toMatchObject({ eventType: 'reservation', sourceSystem: 'pms', propertyId: 'p1' });
    expect(JSON.parse(result.rejections[0]!.payload)).toMatchObject({ adults: -1 });
  });
});

describe('splitNdjson', () => {
  it('parses each line and keeps an unparsable one as its own rejection', () => {
    const items = splitNdjson(`${JSON.stringify(good)}\n{not json\n\n${JSON.stringify(good)}\n`);
    const result = takeIn('reservation', items, 0);

    expect(items).toHaveLength(3);
    expect(result.events).toHaveLength(2);
    expect(result.rejected[0]).toMatchObject({ index: 1, issues: [expect.objectContaining({ field: '(line 2)', code: 'invalid_json' })] });
    expect(result.rejections[0]!.payload).toBe('{not json');
  });
});
