import { TOO_DEEP_MARK } from './card-guard';
import { MAX_EVENT_JSON_BYTES, splitNdjson, takeIn } from './intake';

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

describe('takeIn with hostile sizes', () => {
  it('refuses an event too large for a Kafka message on its own and accepts the rest', () => {
    // Every field within its own limit; together too large.
    const attributes = Object.fromEntries(Array.from({ length: 2_500 }, (_, i) => [`attribute_${i}`, 'x'.repeat(400)]));
    const huge = { ...good, reservation_id: 'R-huge', attributes };

    const result = takeIn('reservation', [good, huge], 0);

    expect(result.events).toHaveLength(1);
    expect(result.rejected).toEqual([
      { index: 1, eventId: null, issues: [expect.objectContaining({ field: '(root)', code: 'too_big', message: expect.stringContaining(`at most ${MAX_EVENT_JSON_BYTES}`) })] },
    ]);
  });

  it('answers a deeply nested item with its field named instead of running out of stack', () => {
    let nested: unknown = [];
    for (let i = 0; i < 50_000; i += 1) nested = [nested];

    const result = takeIn('reservation', [good, nested, { ...good, guests: nested }], 0);

    expect(result.events).toHaveLength(1);
    expect(result.rejected.map((r) => r.index)).toEqual([1, 2]);
    expect(result.rejected[1]!.issues).toEqual([expect.objectContaining({ field: expect.stringMatching(/^guests/) })]);
    expect(result.rejections[1]!.payload).toContain(TOO_DEEP_MARK);
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

describe('takeIn with card data', () => {
  const card = '4111 1111 1111 1111';

  it('keeps the event, scrubs the number and marks the envelope', () => {
    const result = takeIn('reservation', [{ ...good, special_requests: `late, card ${card}`, cvv: '123' }], 0);
    const record = result.events[0]!.record as { special_requests: string | null; envelope: { card_data_scrubbed: boolean; event_id: string } };

    expect(record.special_requests).toBe('late, card [card number removed]');
    expect(record.envelope.card_data_scrubbed).toBe(true);
    expect(result.scrubbed).toEqual([
      { index: 0, eventId: record.envelope.event_id, propertyId: 'p1', sourceSystem: 'pms', fields: ['special_requests', 'cvv'] },
    ]);
    expect(JSON.stringify(result)).not.toMatch(/4111|"123"/);
  });

  it('scrubs a rejected item before it becomes a dead letter', () => {
    const result = takeIn('reservation', [{ ...good, adults: -1, special_requests: card, card_number: card }], 0);

    expect(result.rejections).toHaveLength(1);
    expect(result.rejections[0]!.payload).not.toContain('4111');
    expect(result.scrubbed[0]!.fields).toEqual(['special_requests', 'card_number']);
  });

  it('scrubs an unparsable NDJSON line', () => {
    const result = takeIn('reservation', splitNdjson(`{"card": "${card}"`), 0);

    expect(result.rejections[0]!.payload).not.toContain('4111');
    expect(JSON.stringify(result.rejected)).not.toContain('4111');
  });

  it('leaves an event without card data unmarked', () => {
    const result = takeIn('reservation', [good], 0);

    expect(result.events[0]!.record.envelope.card_data_scrubbed).toBe(false);
    expect(result.scrubbed).toEqual([]);
  });
});
