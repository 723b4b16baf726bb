import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LocalAnswer {
  readonly status: number;
  readonly type: string;
  readonly body: string;
}

/**
 * The HTTP side of a simulator: listens on loopback only, reads bodies up to a limit, and can be stopped and started
 * again on the same port (an outage and the service coming back).
 */
export class LocalHttpServer {
  private server: Server | null = null;
  private port: number;

  constructor(
    private readonly handle: (request: { method: string; path: string; body: string; headers: IncomingMessage['headers'] }) => Promise<LocalAnswer>,
    options: { port?: number } = {},
  ) {
    this.port = options.port ?? 0;
  }

  get url(): string {
    if (!this.server) throw new Error('not started');
    return `http://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.server !== null;
  }

  async start(): Promise<string> {
    if (this.server) return this.url;
    const server = createServer((req, res) => void this.serve(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
    return this.url;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > 8 * 1024 * 1024) {
        res.writeHead(413).end();
        return;
      }
      chunks.push(chunk as Buffer);
    }
    try {
      const answer = await this.handle({ method: req.method ?? 'GET', path: new URL(req.url ?? '/', 'http://localhost').pathname, body: Buffer.concat(chunks).toString('utf8'), headers: req.headers });
      res.writeHead(answer.status, { 'content-type': answer.type }).end(answer.body);
    } catch (error) {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(error instanceof Error ? error.message : 'error');
    }
  }
}
