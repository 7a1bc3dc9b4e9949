// Flow control for the loader's pipeline: how much is read at once, and how far listing runs ahead.

/** A bound on work in flight, with one waiter: the loop that starts the work. Heavier work takes several slots. */
export function semaphore(size: number) {
  let free = size;
  let wake: (() => void) | null = null;
  const waitFor = async (ready: () => boolean) => {
    while (!ready()) await new Promise<void>((resolve) => (wake = resolve));
  };
  return {
    acquire: async (slots = 1) => {
      await waitFor(() => free >= slots);
      free -= slots;
    },
    release: (slots = 1) => {
      free += slots;
      wake?.();
      wake = null;
    },
    drain: () => waitFor(() => free === size),
  };
}

/** Keeps up to `depth` items asked for ahead, so that listing overlaps with reading. */
export async function* readAhead<T>(items: AsyncIterable<T>, depth: number): AsyncGenerator<T> {
  const iterator = items[Symbol.asyncIterator]();
  const ahead: Promise<IteratorResult<T>>[] = [];
  while (true) {
    while (ahead.length < depth) {
      const next = iterator.next();
      next.catch(() => {}); // awaited in turn below; this only keeps an early exit from an unhandled rejection
      ahead.push(next);
    }
    const current = await ahead.shift()!;
    if (current.done) return;
    yield current.value;
  }
}
