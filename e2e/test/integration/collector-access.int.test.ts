import { loadCliConfig, withSources } from '@staystream/cli';
import { createKafka, scanTopics } from '@staystream/kafka';
import { createLogger } from '@staystream/logger';
import { startPipeline, type TestPipeline } from './pipeline';

const RATE_LIMIT = 3;
const MAX_EVENTS = 20;
const BODY_LIMIT_BYTES = 16 * 1024;

function reservation(overrides: Record<string, unknown> = {}) {
  return {
    property_id: 'lisbon-01',
    source_system: 'access-pms',
    reservation_id: 'R-1',
    occurred_at: '2026-01-10T09:00:00Z',
    status: 'confirmed',
    arrival_date: '2026-03-01',
    departure_date: '2026-03-03',
    adults: 2,
    currency: 'EUR',
    ...overrides,
  };
}

/** Every raw and dead-letter record of the pipeline's namespace, as raw bytes in latin1. */
async function topicContents(pipeline: TestPipeline): Promise<string[]> {
  const runtime = pipeline.collector.runtime;
  const kafka = createKafka({ brokers: runtime.config.KAFKA_BROKERS.split(','), clientId: 'it-access', logger: createLogger({ service: 'test', level: 'warn' }) });
  const values: string[] = [];
  try {
    const topics = (['rawReservations', 'rawStays', 'rawFeedback', 'deadLetter', 'properties'] as const).map((k) => runtime.topic(k));
    await scanTopics(kafka, { topics, onMessage: (m) => values.push(m.value ? m.value.toString('latin1') : '') });
  } finally {
    await kafka.disconnect();
  }
  return values;
}

describe('collector access control and limits', () => {
  let pipeline: TestPipeline;
  const keys: Record<string, string> = {};
  const addSource = async (id: string, properties: string[], eventTypes?: ('reservation' | 'feedback')[]) => {
    const { apiKey } = await withSources(loadCliConfig(pipeline.env), (r) => r.add({ id, properties, eventTypes }));
    keys[id] = apiKey;
    return apiKey;
  };
  const bearer = (key: string) => ({ Authorization: `Bearer ${key}` });

  beforeAll(async () => {
    pipeline = await startPipeline('it_access', {
      COLLECTOR_RATE_LIMIT_REQUESTS: String(RATE_LIMIT),
      COLLECTOR_RATE_LIMIT_WINDOW_MS: '600000',
      COLLECTOR_MAX_EVENTS_PER_REQUEST: String(MAX_EVENTS),
      COLLECTOR_BODY_LIMIT_BYTES: String(BODY_LIMIT_BYTES),
    });
    // Each group of tests sends with its own source, so the request rate of one never limits another.
    await addSource('lisbon-pms', ['lisbon-01'], ['reservation']);
    await addSource('large-pms', ['*']);
    await addSource('card-pms', ['*']);
    await addSource('quiet-pms', ['*']);
    await addSource('revoked-pms', ['*']);
    await withSources(loadCliConfig(pipeline.env), (r) => r.revoke('revoked-pms'));
  });

  afterAll(async () => {
    await pipeline?.stop();
  });

  describe('when the key is missing, wrong or revoked', () => {
    it.each([
      ['no key', () => ({}), /Authorization: Bearer/],
      ['a wrong key', () => bearer('ssk_not-a-key-anybody-issued'), /not known/],
      ['a revoked key', () => bearer(keys['revoked-pms']!), /revoked/],
      ['a revoked key in X-Api-Key', () => ({ 'X-Api-Key': keys['revoked-pms']! }), /revoked/],
    ])('answers 401 to %s and publishes nothing', async (label, headers, message) => {
      const marker = `R-401-${label.replace(/\W/g, '')}`;
      const { status, body } = await pipeline.post('reservations', reservation({ reservation_id: marker }), headers());

      expect(status).toBe(401);
      expect(body.error).toMatch(message);
      expect((await topicContents(pipeline)).some((value) => value.includes(marker))).toBe(false);
    });
  });

  describe('when a key is used outside its scope', () => {
    it('answers 403 for another property, naming it, and publishes none of the request', async () => {
      const items = [reservation({ reservation_id: 'R-403-own' }), reservation({ property_id: 'porto-01', reservation_id: 'R-403-other' })];
      const { status, body } = await pipeline.post('reservations', items, bearer(keys['lisbon-pms']!));

      expect(status).toBe(403);
      expect(body.error).toContain('porto-01');
      expect(body.forbidden).toEqual([{ index: 1, propertyId: 'porto-01' }]);
      const contents = await topicContents(pipeline);
      expect(contents.some((v) => v.includes('R-403-own') || v.includes('R-403-other'))).toBe(false);
    });

    it('answers 403 for an event type the key may not send', async () => {
      const feedback = { property_id: 'lisbon-01', source_system: 'access-pms', feedback_id: 'F-1', occurred_at: 0, site: 'google', score_raw: 4, scale_max: 5 };
      const { status, body } = await pipeline.post('feedback', feedback, bearer(keys['lisbon-pms']!));

      expect(status).toBe(403);
      expect(body.error).toBe('source lisbon-pms may not send feedback events');
    });

    it('accepts its own property', async () => {
      const { status, body } = await pipeline.post('reservations', reservation({ reservation_id: 'R-own' }), bearer(keys['lisbon-pms']!));

      expect(status).toBe(202);
      expect(body.accepted).toBe(1);
    });
  });

  describe('when a request is too large', () => {
    it('answers 413 to a body over the byte limit and stays up', async () => {
      const big = reservation({ special_requests: 'x'.repeat(BODY_LIMIT_BYTES) });
      const { status, body } = await pipeline.post('reservations', big, bearer(keys['large-pms']!));

      expect(status).toBe(413);
      expect(body.error).toContain('COLLECTOR_BODY_LIMIT_BYTES');
      const after = await pipeline.post('reservations', reservation({ reservation_id: 'R-after-413' }), bearer(keys['large-pms']!));
      expect(after.status).toBe(202);
    });

    it('answers 413 to more events than a request may carry', async () => {
      const items = Array.from({ length: MAX_EVENTS + 1 }, (_, i) => reservation({ reservation_id: `R-many-${i}` }));
      const { status, body } = await pipeline.post('reservations', items, bearer(keys['large-pms']!));

      expect(status).toBe(413);
      expect(body.error).toBe(`at most ${MAX_EVENTS} events per request (COLLECTOR_MAX_EVENTS_PER_REQUEST), got ${MAX_EVENTS + 1}; split the request`);
    });
  });

  describe('when a source exceeds its request rate', () => {
    it('answers 429 with a clear message, limits only that source, and stays up', async () => {
      const key = await addSource('busy-pms', ['*']);
      const statuses: number[] = [];
      let refusal: Record<string, any> = {};
      for (let i = 0; i <= RATE_LIMIT; i += 1) {
        const response = await pipeline.post('reservations', reservation({ reservation_id: `R-rate-${i}` }), bearer(key));
        statuses.push(response.status);
        refusal = response.body;
      }

      expect(statuses).toEqual([...Array(RATE_LIMIT).fill(202), 429]);
      expect(refusal.error).toMatch(/^rate limit: source busy-pms may make 3 requests per 600000 ms/);
      const other = await pipeline.post('reservations', reservation({ reservation_id: 'R-other-source' }), bearer(keys['quiet-pms']!));
      expect(other.status).toBe(202);
      expect((await fetch(`${pipeline.collector.url}/health/live`)).status).toBe(200);
    });
  });

  describe('when a special request carries a card number', () => {
    const cards = {
      spaces: '4111 1111 1111 1111',
      dashes: '5555-5555-5555-4444',
      inText: 'charge visa4000056655665556please',
    };

    it('publishes the event without the number, marked as scrubbed', async () => {
      const items = Object.entries(cards).map(([label, text]) =>
        reservation({ reservation_id: `R-card-${label}`, special_requests: `quiet room, ${text}, late arrival`, card_cvv: '737' }),
      );
      const { status, body } = await pipeline.post('reservations', items, bearer(keys['card-pms']!));
      expect(status).toBe(202);
      expect(body.accepted).toBe(3);

      const contents = await topicContents(pipeline);
      const published = contents.filter((v) => v.includes('R-card-'));
      expect(published).toHaveLength(3);
      for (const value of published) {
        expect(value).toContain('quiet room, ');
        expect(value).toContain(', late arrival');
        expect(value).toContain('[card number removed]');
      }
      const digits = ['4111111111111111', '5555555555554444', '4000056655665556'];
      for (const value of contents) {
        const bare = value.replace(/[ -]/g, '');
        for (const number of digits) expect(bare).not.toContain(number);
      }

      const [row] = await pipeline.collector.runtime.codecs
        .decode<{ envelope: { card_data_scrubbed: boolean }; special_requests: string }>(
          Buffer.from(published[0]!, 'latin1'),
        )
        .then((d) => [d.record]);
      expect(row).toMatchObject({ envelope: { card_data_scrubbed: true } });
    });

    it('keeps a rejected event with a card number out of the dead letters too', async () => {
      const bad = reservation({ reservation_id: 'R-card-bad', adults: -1, special_requests: 'card 3782 822463 10005' });
      const { status } = await pipeline.post('reservations', bad, bearer(keys['card-pms']!));
      expect(status).toBe(400);

      const letters = (await topicContents(pipeline)).filter((v) => v.includes('R-card-bad'));
      expect(letters).toHaveLength(1);
      expect(letters[0]!.replace(/[ -]/g, '')).not.toContain('378282246310005');
    });
  });
});
