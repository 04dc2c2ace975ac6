import { readiness } from './ops-server';

describe('readiness', () => {
  it('reports each check, counting a failure or a hang as not ready', async () => {
    const result = await readiness(
      {
        up: async () => true,
        refused: async () => false,
        broken: () => Promise.reject(new Error('connection refused')),
        hanging: () => new Promise<boolean>(() => undefined),
      },
      50,
    );

    expect(result).toEqual({ up: true, refused: false, broken: false, hanging: false });
  });
});
