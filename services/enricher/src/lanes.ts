/**
 * Runs work items in lanes: items of one lane strictly in their order, different lanes at the
 * same time (at most `lanes` at once). Identity resolution waits on Redis for most of its
 * time, so guests who cannot be the same person (different lanes) need not wait for each other.
 */
export async function runInLanes<T>(
  items: readonly T[],
  laneOf: (item: T) => string,
  lanes: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  const queues = new Map<string, T[]>();
  for (const item of items) {
    const lane = laneOf(item);
    const queue = queues.get(lane) ?? [];
    queue.push(item);
    queues.set(lane, queue);
  }

  const pending = [...queues.values()];
  const runner = async () => {
    for (let queue = pending.shift(); queue; queue = pending.shift()) {
      for (const item of queue) await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(lanes, pending.length)) }, runner));
}
