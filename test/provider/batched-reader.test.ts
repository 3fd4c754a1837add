import { BatchedReader } from '../../provider/common/batched-reader';

interface Item {
  id: string;
  value: number;
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

function source(items: Item[]) {
  const calls = { list: 0, get: [] as string[] };
  return {
    calls,
    list: async () => {
      calls.list++;
      return items;
    },
    get: async (id: string) => {
      calls.get.push(id);
      return items.find((item) => item.id === id) ?? null;
    },
    idOf: (item: Item) => item.id,
  };
}

test('without a first page, a lone read is one GET, not a list', async () => {
  const api = source([{ id: 'a', value: 1 }]);
  const reader = new BatchedReader(api);
  await expect(reader.read('a')).resolves.toEqual({ id: 'a', value: 1 });
  expect(api.calls).toEqual({ list: 0, get: ['a'] });
});

test('concurrent reads are answered by one list, with the same results as GETs', async () => {
  const items = Array.from({ length: 50 }, (_, i) => ({ id: `id-${i}`, value: i }));
  const api = source(items);
  const reader = new BatchedReader(api);
  const results = await Promise.all(items.map((item) => reader.read(item.id)));
  expect(results).toEqual(items);
  expect(api.calls.list).toBe(1);
  expect(api.calls.get).toEqual([]);
  // Later reads use the list too.
  await expect(reader.read('id-7')).resolves.toEqual(items[7]);
  expect(api.calls.list).toBe(1);
});

test('an id the list does not hold falls back to GET, and a missing object reads as null', async () => {
  const api = source([{ id: 'a', value: 1 }]);
  const reader = new BatchedReader(api);
  const [a, gone] = await Promise.all([reader.read('a'), reader.read('gone')]);
  expect(a).toEqual({ id: 'a', value: 1 });
  expect(gone).toBeNull();
  expect(api.calls.get).toEqual(['gone']);
});

test('a failed list fails its batch and the next reads try again', async () => {
  let fail = true;
  const reader = new BatchedReader<string, Item>({
    list: async () => {
      if (fail) throw new Error('boom');
      return [{ id: 'a', value: 1 }];
    },
    get: async () => null,
    idOf: (item) => item.id,
  });
  await expect(Promise.all([reader.read('a'), reader.read('b')])).rejects.toThrow('boom');
  fail = false;
  await expect(Promise.all([reader.read('a'), reader.read('b')])).resolves.toEqual([{ id: 'a', value: 1 }, null]);
});

test('writes are remembered and deletions forgotten', async () => {
  const api = source([{ id: 'a', value: 1 }, { id: 'b', value: 2 }]);
  const reader = new BatchedReader(api);
  await Promise.all([reader.read('a'), reader.read('b')]);
  reader.remember({ id: 'a', value: 10 });
  reader.forget('b');
  await expect(reader.read('a')).resolves.toEqual({ id: 'a', value: 10 });
  await reader.read('b');
  expect(api.calls.get).toEqual(['b']);
});

test('adopt finds an unclaimed object once; created and adopted objects are not adopted again', async () => {
  const api = source([{ id: 'lost', value: 1 }, { id: 'other', value: 1 }]);
  const reader = new BatchedReader(api);
  reader.claim({ id: 'new', value: 1 });
  const matchesOne = (item: Item) => item.value === 1;
  await expect(reader.adopt(matchesOne)).resolves.toEqual({ id: 'lost', value: 1 });
  await expect(reader.adopt(matchesOne)).resolves.toEqual({ id: 'other', value: 1 });
  await expect(reader.adopt(matchesOne)).resolves.toBeUndefined();
  expect(api.calls.list).toBe(1);
});

test('with batching off every read is its own GET', async () => {
  const api = source([{ id: 'a', value: 1 }, { id: 'b', value: 2 }]);
  const reader = new BatchedReader(api, { batch: false });
  await Promise.all([reader.read('a'), reader.read('b')]);
  expect(api.calls).toEqual({ list: 0, get: ['a', 'b'] });
});

test('only the first lone read is a GET; later lone reads list, so a slow refresh stays bounded', async () => {
  const items = Array.from({ length: 5 }, (_, i) => ({ id: `id-${i}`, value: i }));
  const api = source(items);
  const reader = new BatchedReader(api, { windowMs: 1 });
  for (const item of items) await expect(reader.read(item.id)).resolves.toEqual(item);
  expect(api.calls).toEqual({ list: 1, get: ['id-0'] });
});

test('list() reuses the list refresh fetched, and reflects writes and deletions since', async () => {
  const items = [
    { id: 'a', value: 1 },
    { id: 'b', value: 2 },
  ];
  const api = source(items);
  const reader = new BatchedReader(api);
  await Promise.all([reader.read('a'), reader.read('b')]);
  reader.remember({ id: 'a', value: 10 });
  reader.forget('b');
  await expect(reader.list()).resolves.toEqual([{ id: 'a', value: 10 }]);
  expect(api.calls.list).toBe(1);
});

test('list() on its own lists once, and reads after it use that list', async () => {
  const api = source([{ id: 'a', value: 1 }]);
  const reader = new BatchedReader(api);
  await expect(Promise.all([reader.list(), reader.list()])).resolves.toEqual([[{ id: 'a', value: 1 }], [{ id: 'a', value: 1 }]]);
  await expect(reader.read('a')).resolves.toEqual({ id: 'a', value: 1 });
  expect(api.calls).toEqual({ list: 1, get: [] });
});

/** A source whose list has pages of `pageSize`: firstPage answers the first one. */
function pagedSource(items: Item[], pageSize: number) {
  const api = source(items);
  const pages = { first: 0 };
  return {
    ...api,
    pages,
    firstPage: async () => {
      pages.first++;
      return { objects: items.slice(0, pageSize), complete: items.length <= pageSize };
    },
  };
}

test('with a first page: a store that fits on one page is refreshed by that one request, however the reads arrive', async () => {
  const items = Array.from({ length: 100 }, (_, i) => ({ id: `id-${i}`, value: i }));
  const api = pagedSource(items, 100);
  const reader = new BatchedReader(api, { windowMs: 1 });
  // Reads one at a time: the first is alone, the rest come later.
  for (const item of items) await expect(reader.read(item.id)).resolves.toEqual(item);
  expect({ ...api.calls, firstPages: api.pages.first }).toEqual({ list: 0, get: [], firstPages: 1 });
  // An id the list does not hold still falls back to a GET (it may be newer than the list).
  await expect(reader.read('deleted')).resolves.toBeNull();
  expect(api.calls.get).toEqual(['deleted']);
});

test('with a first page: a larger store answers the lone read from the page or a GET, and later batches list it all', async () => {
  const items = Array.from({ length: 150 }, (_, i) => ({ id: `id-${i}`, value: i }));
  const onFirstPage = pagedSource(items, 100);
  const reader = new BatchedReader(onFirstPage, { windowMs: 1 });
  await expect(reader.read('id-3')).resolves.toEqual(items[3]);
  expect({ ...onFirstPage.calls, firstPages: onFirstPage.pages.first }).toEqual({ list: 0, get: [], firstPages: 1 });
  await Promise.all([reader.read('id-120'), reader.read('id-130')]);
  expect(onFirstPage.calls).toEqual({ list: 1, get: [] });

  const beyondFirstPage = pagedSource(items, 100);
  const second = new BatchedReader(beyondFirstPage, { windowMs: 1 });
  await expect(second.read('id-140')).resolves.toEqual(items[140]);
  expect({ ...beyondFirstPage.calls, firstPages: beyondFirstPage.pages.first }).toEqual({ list: 0, get: ['id-140'], firstPages: 1 });
});

test('with a first page: reads that arrive while the lone first page is in flight wait for it instead of listing again', async () => {
  const items = Array.from({ length: 100 }, (_, i) => ({ id: `id-${i}`, value: i }));
  const api = pagedSource(items, 100);
  const realFirstPage = api.firstPage;
  // The first page is held until the other reads have arrived: ordered by promises, not by sleeps.
  const asked = deferred();
  const release = deferred();
  api.firstPage = async () => {
    asked.resolve();
    await release.promise;
    return realFirstPage();
  };
  // Fake timers let the reader's batching window pass while the first page is held.
  jest.useFakeTimers();
  try {
    const reader = new BatchedReader(api, { windowMs: 1 });
    const first = reader.read('id-0');
    await jest.advanceTimersByTimeAsync(1);
    await asked.promise;
    const rest = Promise.all(items.slice(1).map((item) => reader.read(item.id)));
    // The later reads' window closes while the first page is still in flight.
    await jest.advanceTimersByTimeAsync(1);
    release.resolve();
    await expect(first).resolves.toEqual(items[0]);
    await expect(rest).resolves.toEqual(items.slice(1));
  } finally {
    jest.useRealTimers();
  }
  expect({ ...api.calls, firstPages: api.pages.first }).toEqual({ list: 0, get: [], firstPages: 1 });
});
