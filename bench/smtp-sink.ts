/**
 * An SMTP server that keeps nothing but the Message-ID of each mail (read from the headers as they stream by): the
 * mail relay of a benchmark. `bench:mail` counts what reached it; the load bench runs it as a process of its own,
 * where a real relay would be, so that the portal under load does not also receive its own mail.
 *
 *   node bench/smtp-sink.ts   (prints `listening on smtp://127.0.0.1:<port>`)
 */
import { SMTPServer } from 'smtp-server';

export async function smtpSink(): Promise<{ url: string; seen: Map<string, number>; stop: () => Promise<void> }> {
  const seen = new Map<string, number>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      let head = '';
      stream.on('data', (chunk: Buffer) => {
        if (head.length < 4096) head += chunk.toString('latin1');
      });
      stream.on('end', () => {
        const id = /^Message-ID:\s*(<[^>]+>)/imu.exec(head)?.[1] ?? 'none';
        seen.set(id, (seen.get(id) ?? 0) + 1);
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as { port: number }).port;
  return { url: `smtp://127.0.0.1:${port}`, seen, stop: () => new Promise((resolve) => server.close(() => resolve())) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const sink = await smtpSink();
  console.log(`listening on ${sink.url}`);
  process.on('SIGTERM', () => void sink.stop().then(() => process.exit(0)));
}
