/**
 * `npm test`: the layer boundaries first (two seconds), then the type check beside the tests. The type check takes one
 * core for a quarter of a minute and needs nothing from the tests, so it runs while vitest starts its first files
 * instead of before them. The run fails when either fails; arguments go to vitest.
 */
import { spawn } from 'node:child_process';

function run(command: string, args: readonly string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit' });
    child.on('error', (error) => {
      console.error(`${command}: ${error.message}`);
      resolve(1);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

const boundaries = await run('npm', ['run', '-s', 'boundaries']);
if (boundaries !== 0) process.exit(boundaries);
const [typecheck, tests] = await Promise.all([run('npm', ['run', '-s', 'typecheck']), run('vitest', ['run', ...process.argv.slice(2)])]);
if (typecheck !== 0) console.error('npm test: the type check failed');
process.exit(tests !== 0 ? tests : typecheck);
