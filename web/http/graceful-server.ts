import type { Server } from 'node:http';
import type { ServerType } from '@hono/node-server';

/** How long requests in flight may take to finish when the portal stops; then their connections are cut. */
export const SHUTDOWN_DEADLINE_MS = 10_000;

/**
 * Limits that keep one slow client from holding a connection (and the shutdown) for ever: headers must arrive within
 * 20 s, a whole request within 60 s; an idle keep-alive connection closes after 5 s.
 */
export function hardenServer(server: ServerType): void {
  const http = server as Server;
  http.headersTimeout = 20_000;
  http.requestTimeout = 60_000;
  http.keepAliveTimeout = 5_000;
}

/**
 * Stops taking connections, closes idle keep-alive ones (and each one that becomes idle), lets requests in flight
 * finish, and cuts whatever is left at the deadline.
 */
export async function closeServer(server: ServerType, deadlineMs = SHUTDOWN_DEADLINE_MS): Promise<void> {
  const http = server as Server;
  const closed = new Promise<void>((resolve) => http.close(() => resolve()));
  http.closeIdleConnections();
  const sweeping = setInterval(() => http.closeIdleConnections(), 50);
  const deadline = new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), deadlineMs).unref());
  try {
    if ((await Promise.race([closed.then(() => 'done' as const), deadline])) === 'late') http.closeAllConnections();
    await closed;
  } finally {
    clearInterval(sweeping);
  }
}
