import { requests, type OutgoingMessage } from './producer';

const message = (key: string, size: number): OutgoingMessage => ({ key, value: Buffer.alloc(size) });

describe('requests', () => {
  it('keeps a small send in one request', () => {
    const plan = requests([{ topic: 'a', messages: [message('1', 10), message('2', 10)] }], 1_000);

    expect(plan).toHaveLength(1);
    expect(plan[0]![0]!.messages.map((m) => m.key)).toEqual(['1', '2']);
  });

  it('splits a large send in order, never above the limit', () => {
    const messages = Array.from({ length: 10 }, (_, i) => message(String(i), 200));
    const plan = requests([{ topic: 'a', messages }, { topic: 'b', messages: [message('x', 200)] }], 600);

    const order = plan.flatMap((req) => req.flatMap((b) => b.messages.map((m) => `${b.topic}${m.key}`)));
    expect(order).toEqual([...messages.map((m) => `a${m.key}`), 'bx']);
    for (const req of plan) {
      const bytes = req.flatMap((b) => b.messages).reduce((sum, m) => sum + m.value.length + m.key.length + 64, 0);
      expect(bytes).toBeLessThanOrEqual(600);
    }
  });

  it('skips empty batches', () => {
    expect(requests([{ topic: 'a', messages: [] }], 100)).toEqual([]);
  });
});
