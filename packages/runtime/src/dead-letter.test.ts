import { MAX_DEAD_LETTER_PAYLOAD_CHARS, buildDeadLetter } from './dead-letter';

const input = { stage: 'validate' as const, reasonCode: 'too_big', reason: '(root): too large', sourceSystem: 'pms', eventType: 'reservation' };

describe('buildDeadLetter', () => {
  it('keeps a payload whole when it fits', () => {
    const letter = buildDeadLetter({ ...input, payload: '{"a":1}' });

    expect(letter.payload).toBe('{"a":1}');
    expect(letter.reason).toBe('(root): too large');
  });

  it('keeps the head of a payload too large for a message, and says so', () => {
    const payload = 'x'.repeat(MAX_DEAD_LETTER_PAYLOAD_CHARS + 10);

    const letter = buildDeadLetter({ ...input, payload });

    expect(letter.payload).toHaveLength(MAX_DEAD_LETTER_PAYLOAD_CHARS);
    expect(letter.reason).toContain(`first ${MAX_DEAD_LETTER_PAYLOAD_CHARS} of ${payload.length} characters`);
  });

  it('derives the id from the whole payload, so two long payloads that differ late stay apart', () => {
    const head = 'x'.repeat(MAX_DEAD_LETTER_PAYLOAD_CHARS);

    expect(buildDeadLetter({ ...input, payload: `${head}a` }).dlq_id).not.toBe(buildDeadLetter({ ...input, payload: `${head}b` }).dlq_id);
  });
});
