/**
 * Serves many concurrent reads of one kind of object from paged list calls.
 *
 * Terraform refreshes every resource of a plan through its own ReadResource call, a
 * few at a time. One GET each costs N requests against APIs with tight rate limits;
 * when two or more reads are waiting at once, one list of all objects answers them
 * all, and later reads in the same provider configuration use that list too. An id
 * the list does not hold (created since, or beyond what the list returns) still
 * falls back to a GET, so results are the same as per-object reads.
 */
export interface BatchedReaderSource<Id, T> {
  list(): Promise<T[]>;
  /**
   * One page of the list, and whether it is the whole list. When given, a lone first read
   * costs this one request instead of a GET, and a store that fits on one page is then
   * refreshed with nothing more.
   */
  firstPage?(): Promise<{ objects: T[]; complete: boolean }>;
  /** Resolves null when the object does not exist. */
  get(id: Id): Promise<T | null>;
  idOf(object: T): Id;
}

interface PendingRead<Id, T> {
  id: Id;
  resolve(value: T | null): void;
  reject(error: unknown): void;
}

export class BatchedReader<Id, T> {
  private listed: Map<Id, T> | undefined;
  private listing: Promise<Map<Id, T>> | undefined;
  private pending: PendingRead<Id, T>[] = [];
  private flushScheduled = false;
  private loneReadDone = false;
  /** The lone read's first page while it is in flight: batches arriving meanwhile wait for it. */
  private firstPageLoading: Promise<unknown> | undefined;
  /** Objects a resource of this run owns: created here, or adopted once already. */
  private readonly claimed = new Set<Id>();

  private readonly windowMs: number;
  private readonly batch: boolean;

  constructor(
    private readonly source: BatchedReaderSource<Id, T>,
    options: {
      /** How long a read waits for others to join its batch. @default 5 */
      windowMs?: number;
      /** false: every read is its own GET (to compare results and request counts). @default true */
      batch?: boolean;
    } = {},
  ) {
    this.windowMs = options.windowMs ?? 5;
    this.batch = options.batch ?? true;
  }

  read(id: Id): Promise<T | null> {
    if (!this.batch) return this.source.get(id);
    if (this.listed) return this.fromList(this.listed, id);
    return new Promise((resolve, reject) => {
      this.pending.push({ id, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setTimeout(() => this.flush(), this.windowMs);
      }
    });
  }

  /**
   * Every object, from the list refresh already fetched when there is one (no request then),
   * else from one list call that later reads share. Exclusive management reads the store this way.
   */
  async list(): Promise<T[]> {
    return [...(await this.loadList()).values()];
  }

  /** Records what a write returned, so later reads do not see the list's older copy. */
  remember(object: T): void {
    this.listed?.set(this.source.idOf(object), object);
  }

  forget(id: Id): void {
    this.listed?.delete(id);
  }

  /** Records an object a resource of this run created, so no other create adopts it. */
  claim(object: T): void {
    this.claimed.add(this.source.idOf(object));
    this.remember(object);
  }

  /**
   * The first object of the list that `matches` and no resource of this run has
   * claimed; it is claimed by the call. This is how a create whose answer was lost
   * (the process was killed after the POST) finds its object instead of making another.
   */
  async adopt(matches: (object: T) => boolean): Promise<T | undefined> {
    const listed = await this.loadList();
    for (const [id, object] of listed) {
      if (!this.claimed.has(id) && matches(object)) {
        this.claimed.add(id);
        return object;
      }
    }
    return undefined;
  }

  private loadList(): Promise<Map<Id, T>> {
    if (this.listed) return Promise.resolve(this.listed);
    this.listing ??= this.source.list().then(
      (objects) => {
        this.listed = new Map(objects.map((object) => [this.source.idOf(object), object]));
        return this.listed;
      },
      (error: unknown) => {
        // A failed list must not poison later reads: they try again.
        this.listing = undefined;
        throw error;
      },
    );
    return this.listing;
  }

  private flush(): void {
    this.flushScheduled = false;
    const batch = this.pending;
    this.pending = [];
    // Only the very first lone read is answered alone (a plan of one resource should not list
    // a large store): from the list's first page when the source has one, which is the whole
    // store when it fits on a page, else by a GET. After that every batch lists, so a refresh
    // costs at most one page or GET, a GET, and the list pages.
    if (batch.length === 1 && !this.listing && !this.loneReadDone) {
      this.loneReadDone = true;
      const [only] = batch;
      this.loneRead(only.id).then(only.resolve, only.reject);
      return;
    }
    // A batch that arrives while the lone read's first page is in flight waits for that page:
    // when it holds the whole store, it answers the batch too and no list is sent.
    const listed = this.firstPageLoading
      ? this.firstPageLoading.then(
          () => this.loadList(),
          () => this.loadList(),
        )
      : this.loadList();
    listed.then(
      (listed) => {
        for (const read of batch) this.fromList(listed, read.id).then(read.resolve, read.reject);
      },
      (error: unknown) => {
        for (const read of batch) read.reject(error);
      },
    );
  }

  private async loneRead(id: Id): Promise<T | null> {
    if (!this.source.firstPage) return this.source.get(id);
    const loading = this.source.firstPage().then((page) => {
      const objects = new Map(page.objects.map((object) => [this.source.idOf(object), object]));
      if (page.complete && !this.listed && !this.listing) {
        this.listed = objects;
        this.listing = Promise.resolve(objects);
      }
      return { objects, complete: page.complete };
    });
    this.firstPageLoading = loading;
    const { objects, complete } = await loading.finally(() => {
      this.firstPageLoading = undefined;
    });
    const found = objects.get(id);
    return found !== undefined ? found : complete ? null : this.source.get(id);
  }

  private fromList(listed: Map<Id, T>, id: Id): Promise<T | null> {
    const found = listed.get(id);
    return found !== undefined ? Promise.resolve(found) : this.source.get(id);
  }
}
