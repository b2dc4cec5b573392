/** Running part of the benchmark in a process of its own, so its memory is not the benchmark's. */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

export const repositoryRoot = resolve(__dirname, '../..');

/**
 * Runs a TypeScript script of the repository under tsx, its stderr shown as it comes, and parses
 * what it prints on stdout as JSON.
 */
export function runOwnProcess<Report>(what: string, script: string, args: string[]): Promise<Report> {
  return new Promise((resolveRun, rejectRun) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
      cwd: repositoryRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', rejectRun);
    child.on('exit', (code) => {
      if (code !== 0) return rejectRun(new Error(`${what} exited with code ${code}: ${output}`));
      try {
        resolveRun(JSON.parse(output) as Report);
      } catch {
        rejectRun(new Error(`${what}'s report was not JSON: ${output}`));
      }
    });
  });
}
