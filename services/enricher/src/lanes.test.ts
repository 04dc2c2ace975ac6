import { runInLanes } from './lanes';

describe('runInLanes', () => {
  it('keeps the order within a lane while lanes overlap', async () => {
    const log: string[] = [];
    const items = ['a1', 'b1', 'a2', 'b2', 'a3'];

    await runInLanes(items, (item) => item[0]!, 2, async (item) => {
      log.push(`start ${item}`);
      await new Promise((resolve) => setImmediate(resolve));
      log.push(`end ${item}`);
    });

    const order = (lane: string) => log.filter((line) => line.startsWith('end') && line.includes(lane));
    expect(order('a')).toEqual(['end a1', 'end a2', 'end a3']);
    expect(order('b')).toEqual(['end b1', 'end b2']);
    expect(log.indexOf('start b1')).toBeLessThan(log.indexOf('end a1'));
  });

  it('runs one lane at a time when told so', async () => {
    const log: string[] = [];
    await runInLanes(['x1', 'y1'], (item) => item[0]!, 1, async (item) => {
      log.push(`start ${item}`);
      await new Promise((resolve) => setImmediate(resolve));
      log.push(`end ${item}`);
    });

    expect(log).toEqual(['start x1', 'end x1', 'start y1', 'end y1']);
  });
});
