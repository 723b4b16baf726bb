import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';
import type { CaughtMail } from '../adapters/smtp/smtp-catcher.js';

/** What the primary and its web workers say to each other over the cluster's channel. */
export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'start'; env: Record<string, string> }
  | { type: 'listening'; url: string }
  | { type: 'inbox?' }
  | { type: 'mail'; mail: CaughtMail }
  | { type: 'stop' };

/** The primary's mail catcher, as the workers' copies of it need it. */
export interface CaughtMailSource {
  list(): readonly CaughtMail[];
  onCaught(listener: (mail: CaughtMail) => void): void;
}

/** How long the workers may take to listen once started. */
const START_MS = 60_000;

/** How many web workers `npm start` runs: WEB_CONCURRENCY, else one per core (config.ts reports a wrong value). */
export function webConcurrencyOf(env: Record<string, string | undefined>): number {
  const wanted = Number(env['WEB_CONCURRENCY'] ?? availableParallelism());
  return Number.isInteger(wanted) && wanted >= 1 && wanted <= 64 ? wanted : 1;
}

/**
 * The web workers of a primary. They are forked first thing, so that they load their code while the primary loads its
 * own and starts the database; each says `ready`, waits for `start` with the settings of what the primary started
 * (the database, the simulators), then serves on the shared socket. A worker that dies after the start is replaced.
 */
export class WebWorkers {
  private readonly workers = new Set<Worker>();
  private readonly listening = new Map<Worker, string>();
  private env: Record<string, string> | null = null;
  private catcher: CaughtMailSource | null = null;
  private started = false;
  private stopping = false;
  private failure: Error | null = null;
  private waiter: { resolve: (url: string) => void; reject: (error: Error) => void } | null = null;

  constructor(readonly count: number) {
    // Dates (a caught mail's) cross the channel as dates.
    cluster.setupPrimary({ serialization: 'advanced' });
    for (let i = 0; i < count; i += 1) this.fork();
  }

  /** Hands every worker the settings it starts with; resolves with the address once all of them listen. */
  start(env: Record<string, string>, catcher: CaughtMailSource | null): Promise<string> {
    this.env = env;
    this.catcher = catcher;
    catcher?.onCaught((mail) => this.broadcast({ type: 'mail', mail }));
    return new Promise<string>((resolve, reject) => {
      const late = setTimeout(() => reject(new Error(`the web workers did not start within ${START_MS / 1000} s`)), START_MS);
      this.waiter = {
        resolve: (url) => {
          clearTimeout(late);
          resolve(url);
        },
        reject: (error) => {
          clearTimeout(late);
          reject(error);
        },
      };
      if (this.failure) this.waiter.reject(this.failure);
      for (const worker of this.workers) this.send(worker, { type: 'start', env });
    });
  }

  /** Every worker finishes its requests in flight and exits. */
  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(
      [...this.workers].map(
        (worker) =>
          new Promise<void>((resolve) => {
            if (worker.isDead()) return resolve();
            worker.once('exit', () => resolve());
            this.send(worker, { type: 'stop' });
          }),
      ),
    );
  }

  /** For a primary that could not start: the workers go at once. */
  kill(): void {
    this.stopping = true;
    for (const worker of this.workers) worker.kill('SIGKILL');
  }

  private fork(): void {
    const worker = cluster.fork();
    this.workers.add(worker);
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'ready' && this.env) this.send(worker, { type: 'start', env: this.env });
      else if (message.type === 'inbox?') for (const mail of this.catcher?.list() ?? []) this.send(worker, { type: 'mail', mail });
      else if (message.type === 'listening') {
        this.listening.set(worker, message.url);
        if (!this.started && this.listening.size === this.count) {
          this.started = true;
          this.waiter?.resolve(message.url);
        }
      }
    });
    worker.on('exit', (code, signal) => {
      this.workers.delete(worker);
      this.listening.delete(worker);
      if (this.stopping) return;
      if (!this.started) {
        this.failure = new Error(`a web worker exited (${code ?? signal}) before it listened`);
        this.waiter?.reject(this.failure);
        return;
      }
      console.error(`[workers] a web worker exited (${code ?? signal}); starting another`);
      this.fork();
    });
  }

  private broadcast(message: WorkerMessage): void {
    for (const worker of this.workers) this.send(worker, message);
  }

  private send(worker: Worker, message: WorkerMessage): void {
    if (worker.isConnected()) worker.send(message);
  }
}

let early: WebWorkers | null = null;

/** Forks the web workers before the primary loads the portal (called by the entry, main.ts). */
export function forkWebWorkers(env: Record<string, string | undefined>): void {
  const count = webConcurrencyOf(env);
  if (count > 1 && cluster.isPrimary) early = new WebWorkers(count);
}

/** The workers forked early, or new ones. */
export function webWorkers(count: number): WebWorkers {
  if (early && early.count !== count) early.kill();
  const workers = early && early.count === count ? early : new WebWorkers(count);
  early = null;
  return workers;
}
