import { randomUUID } from 'node:crypto';
import pg from 'pg';

interface Entry<V> {
  readonly value: V;
  readonly tags: readonly string[];
  readonly until: number;
}

export interface NotifiedCacheOptions {
  readonly databaseUrl: string;
  /** The channel the database announces changes on; a notice's payload is the tag of what changed. */
  readonly channel: string;
  /** How long a value is kept at most, heard of a change or not. */
  readonly ttlMs: number;
  readonly maxEntries: number;
  /** How the listening connection names itself in pg_stat_activity. */
  readonly applicationName: string;
  /** The wait before listening again after the connection was lost. */
  readonly retryMs?: number;
  /** How often the listening connection is asked whether it is still there, and how long it has to answer. */
  readonly heartbeatMs?: number;
  readonly answerWithinMs?: number;
}

/**
 * Values read from PostgreSQL, kept in memory for as long as the database says nothing changed behind them. Each value
 * carries tags (`s <session id>`, `u <user id>`…); triggers announce a changed row's tag on a channel when its change
 * commits (NOTIFY), and a dedicated connection listens to it and drops every value with that tag.
 *
 * Nothing is kept unless that connection is listening: before it is up, after it is lost and until it is back, every
 * read goes to the database. A value read while a notice arrived is not kept (`ticket`), since it may predate the
 * change. A process's own changes are dropped at once by its unit of work (`forget`, `clear`), without waiting for the
 * notice; another process's arrive with the notice, milliseconds after they commit.
 */
/** The payload prefix of a process's own sync notice (see `sync`). */
const SYNC = 'sync ';

export class NotifiedCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private readonly keysByTag = new Map<string, Set<string>>();
  private client: pg.Client | null = null;
  private starting: Promise<void> | null = null;
  private retry: NodeJS.Timeout | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  private closed = false;
  private epoch = 0;
  private readonly waiting = new Map<string, () => void>();
  /** The connection being opened, before it listens: its own failure counts, an older connection's does not. */
  private connecting: pg.Client | null = null;
  private readonly answerWithinMs: number;

  constructor(private readonly options: NotifiedCacheOptions) {
    this.answerWithinMs = options.answerWithinMs ?? 5000;
  }

  /** Whether values are kept now. */
  get listening(): boolean {
    return this.client !== null;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The kept value, or undefined; starts listening on first use. */
  get(key: string, now = Date.now()): V | undefined {
    if (!this.client) {
      this.start();
      return undefined;
    }
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.until > now) return entry.value;
    this.drop(key);
    return undefined;
  }

  /** Taken before reading from the database, given back to `keep`: null when nothing may be kept now. */
  ticket(): number | null {
    return this.client ? this.epoch : null;
  }

  /** Keeps a value read under `ticket`, unless a change was heard of since (or listening stopped). */
  keep(ticket: number | null, key: string, tags: readonly string[], value: V, now = Date.now()): void {
    if (ticket === null || ticket !== this.epoch || !this.client) return;
    this.drop(key);
    if (this.entries.size >= this.options.maxEntries) this.drop(this.entries.keys().next().value!);
    this.entries.set(key, { value, tags, until: now + this.options.ttlMs });
    for (const tag of tags) {
      const keys = this.keysByTag.get(tag);
      if (keys) keys.add(key);
      else this.keysByTag.set(tag, new Set([key]));
    }
  }

  /**
   * The value kept under `key`, else what `read` finds (null: nothing), kept under the tags `tagsOf` gives it unless
   * a change was heard of while it was read.
   */
  async through<T extends V>(key: string, read: () => Promise<T | null>, tagsOf: (value: T) => readonly string[]): Promise<T | null> {
    const kept = this.get(key) as T | undefined;
    if (kept !== undefined) return kept;
    const ticket = this.ticket();
    const value = await read();
    if (value !== null) this.keep(ticket, key, tagsOf(value), value);
    return value;
  }

  /** Drops every value with this tag. */
  forget(tag: string): void {
    this.epoch += 1;
    for (const key of [...(this.keysByTag.get(tag) ?? [])]) this.drop(key);
  }

  clear(): void {
    this.epoch += 1;
    this.entries.clear();
    this.keysByTag.clear();
  }

  /**
   * Resolves once every notice of a change committed before the call has been applied: the cache sends a notice of
   * its own on its connection and waits for it (PostgreSQL delivers notices in commit order). Resolves at once when
   * not listening (nothing is kept then).
   */
  async sync(): Promise<void> {
    const client = this.client;
    if (!client) return;
    const tag = `${SYNC}${randomUUID()}`;
    const heard = new Promise<void>((resolve) => this.waiting.set(tag, resolve));
    try {
      await this.within(client.query('select pg_notify($1, $2)', [this.options.channel, tag]), 'a sync');
      await this.within(heard, 'the notice of a sync');
    } finally {
      this.waiting.delete(tag);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    if (this.heartbeat) clearInterval(this.heartbeat);
    await this.starting?.catch(() => undefined);
    const client = this.client;
    this.lost(client);
    await client?.end().catch(() => undefined);
  }

  private start(): void {
    if (this.starting || this.retry || this.closed) return;
    this.starting = this.listen().finally(() => {
      this.starting = null;
    });
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.options.databaseUrl, application_name: this.options.applicationName, keepAlive: true, connectionTimeoutMillis: this.answerWithinMs });
    this.connecting = client;
    client.on('notification', (notice) => this.heard(notice.payload ?? ''));
    client.on('error', () => this.lost(client, true));
    client.on('end', () => this.lost(client, true));
    try {
      await client.connect();
      await client.query(`listen ${this.options.channel}`);
    } catch {
      this.lost(client, true);
      await client.end().catch(() => undefined);
      return;
    } finally {
      this.connecting = null;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.clear();
    this.client = client;
    // A connection can go silent without closing (a dropped route, a firewall's idle timeout): it would hear nothing
    // and keep values for ever. It is asked now and then, and given up when it does not answer in time.
    this.heartbeat = setInterval(() => {
      this.within(client.query('select 1'), 'a heartbeat').catch(() => {
        this.lost(client, true);
        void client.end().catch(() => undefined);
      });
    }, this.options.heartbeatMs ?? 10_000);
    this.heartbeat.unref();
  }

  /** The promise, or a failure once the connection has had `answerWithinMs` to answer. */
  private within<T>(promise: Promise<T>, what: string): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`the database did not answer ${what} in time`)), this.answerWithinMs);
      timer.unref();
    });
    return Promise.race([promise, late]).finally(() => clearTimeout(timer));
  }

  private heard(tag: string): void {
    const waiter = this.waiting.get(tag);
    if (waiter) {
      this.waiting.delete(tag);
      waiter();
      return;
    }
    // Another process's sync says nothing changed.
    if (!tag.startsWith(SYNC)) this.forget(tag);
  }

  /**
   * The connection is gone: nothing is kept until listening again, after a pause. An older connection that ends late
   * (one given up after a silent heartbeat) changes nothing: it would otherwise start a second listener beside the
   * one being opened or already listening.
   */
  private lost(client: pg.Client | null, again = false): void {
    if (client && client !== this.client && client !== this.connecting) return;
    this.client = null;
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
    this.clear();
    for (const waiter of this.waiting.values()) waiter();
    this.waiting.clear();
    if (!again || this.closed || this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = null;
      this.start();
    }, this.options.retryMs ?? 1000);
    this.retry.unref();
  }

  private drop(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    for (const tag of entry.tags) {
      const keys = this.keysByTag.get(tag);
      keys?.delete(key);
      if (keys?.size === 0) this.keysByTag.delete(tag);
    }
  }
}
