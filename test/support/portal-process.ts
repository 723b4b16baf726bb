import { spawn, type ChildProcess } from 'node:child_process';

export interface PortalProcess {
  readonly child: ChildProcess;
  readonly url: string;
  output(): string;
  /** Resolves with the exit code (or signal) when the process is gone. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * The portal as an operator runs it: a separate process (`npm start`, or the built `node dist/web/main.js`),
 * ready once it prints where it listens.
 */
export async function startPortalProcess(command: string, args: string[], env: Record<string, string>, readyWithinMs = 120_000): Promise<PortalProcess> {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  child.stdout!.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the portal did not start within ${readyWithinMs} ms:\n${text}`)), readyWithinMs);
    const look = () => {
      const found = /listening on (http:\/\/[\d.]+:\d+)/u.exec(text)?.[1];
      if (found) {
        clearTimeout(timer);
        resolve(found);
      }
    };
    child.stdout!.on('data', look);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`the portal exited (${code ?? signal}) before it listened:\n${text}`));
    });
  });
  return { child, url, output: () => text, exited };
}
