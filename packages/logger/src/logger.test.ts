import { Writable } from 'node:stream';
import { createLogger } from './logger';

function capture(): { stream: Writable; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  const lines = () =>
    chunks
      .join('')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { stream, lines };
}

describe('createLogger', () => {
  it('tags every line with the service', () => {
    const { stream, lines } = capture();
    const logger = createLogger({ service: 'collector', destination: stream });

    logger.info({ topic: 'reservations', rows: 3 }, 'batch produced');

    expect(lines()[0]).toMatchObject({ service: 'collector', topic: 'reservations', rows: 3 });
  });

  it('redacts keys and contact details', () => {
    const { stream, lines } = capture();
    const logger = createLogger({ service: 'collector', destination: stream });

    logger.warn({ apiKey: 'sk_live_123', guest: { email: 'a@b.c' } }, 'rejected');

    const line = JSON.stringify(lines()[0]);
    expect(line).not.toContain('sk_live_123');
    expect(line).not.toContain('a@b.c');
  });
});
