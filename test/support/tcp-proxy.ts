import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy in front of the test database, for faults: `refuseNew` keeps the connections made so far working but
 * refuses new ones (a server in smart shutdown, or out of connections); `down` cuts everything as well; `up` serves
 * again on the same port; `freeze` silences the connections made so far without closing them (a dropped route).
 */
export async function tcpProxy(target: { host: string; port: number }) {
  const sockets = new Set<Socket>();
  let server: Server | null = null;
  let port = 0;

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const s = createServer((client) => {
        const upstream = connect(target.port, target.host);
        sockets.add(client).add(upstream);
        const drop = () => {
          client.destroy();
          upstream.destroy();
          sockets.delete(client);
          sockets.delete(upstream);
        };
        client.on('error', drop).on('close', drop);
        upstream.on('error', drop).on('close', drop);
        client.pipe(upstream).pipe(client);
      });
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => {
        port = (s.address() as { port: number }).port;
        server = s;
        resolve();
      });
    });
  const close = () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));

  await listen();
  return {
    get port() {
      return port;
    },
    async refuseNew(): Promise<void> {
      const closing = close();
      server = null;
      await Promise.race([closing, new Promise((resolve) => setTimeout(resolve, 50))]);
    },
    async down(): Promise<void> {
      const closing = close();
      server = null;
      for (const s of sockets) s.destroy();
      sockets.clear();
      await closing;
    },
    /** Every connection made so far goes silent: nothing passes either way, and nothing is closed. New ones work. */
    freeze(): void {
      for (const s of sockets) {
        s.unpipe();
        s.pause();
      }
    },
    async up(): Promise<void> {
      if (!server) await listen();
    },
    async stop(): Promise<void> {
      await this.down();
    },
  };
}
