/**
 * Taking a database file out of the operating system's page cache, so an open can be timed as
 * after a reboot. Node has no binding for posix_fadvise(POSIX_FADV_DONTNEED), so this goes through
 * tools that call it: vmtouch -e, or GNU dd with iflag=nocache (which advises DONTNEED for the
 * whole file when it copies nothing). Dropping every cache through /proc is the last resort, as
 * it slows everything else on the machine too. fincore, where installed, confirms the pages left.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, statSync, writeFileSync } from 'node:fs';

export interface Evictor {
  /** How the pages are dropped, and whether fincore saw them go, for the results. */
  method: string;
  evict(paths: readonly string[]): void;
}

function succeeds(command: string, args: readonly string[]): { ok: boolean; stdout: string } {
  const run = spawnSync(command, args, { encoding: 'utf8' });
  return { ok: run.error === undefined && run.status === 0, stdout: run.stdout ?? '' };
}

/** Bytes of `path` in the page cache, or null when fincore is not there to say. */
export function residentBytes(path: string): number | null {
  const run = succeeds('fincore', ['--bytes', '--noheadings', '--output', 'RES', path]);
  if (!run.ok) return null;
  const bytes = Number(run.stdout.trim());
  return Number.isFinite(bytes) ? bytes : null;
}

const candidates: { method: string; available(): boolean; evict(paths: readonly string[]): void }[] = [
  {
    method: 'vmtouch -e',
    available: () => succeeds('sh', ['-c', 'command -v vmtouch']).ok,
    evict: (paths) => void succeeds('vmtouch', ['-q', '-e', ...paths]),
  },
  {
    method: 'dd iflag=nocache count=0 (posix_fadvise DONTNEED)',
    available: () => succeeds('dd', ['--version']).stdout.includes('coreutils'),
    evict: (paths) => {
      for (const path of paths) succeeds('dd', [`if=${path}`, 'iflag=nocache', 'count=0', 'status=none']);
    },
  },
  {
    method: 'echo 1 > /proc/sys/vm/drop_caches (every file on the machine)',
    available: () => process.getuid?.() === 0 && existsSync('/proc/sys/vm/drop_caches'),
    evict: () => {
      succeeds('sync', []);
      writeFileSync('/proc/sys/vm/drop_caches', '1');
    },
  },
];

/**
 * The first way that works on this machine, tried on `probe` (a file worth evicting): when
 * fincore can tell, a way that leaves more than a tenth of the file cached does not count.
 */
export function findEvictor(probe: string): Evictor | null {
  const size = statSync(probe).size;
  for (const candidate of candidates) {
    if (!candidate.available()) continue;
    try {
      candidate.evict([probe]);
    } catch {
      continue;
    }
    const left = residentBytes(probe);
    if (left !== null && left > size / 10) continue;
    const confirmation =
      left === null ? 'not confirmed: fincore is not installed' : `confirmed by fincore: ${left} bytes left cached`;
    return {
      method: `${candidate.method}, ${confirmation}`,
      evict: (paths) => candidate.evict(paths.filter((path) => existsSync(path))),
    };
  }
  return null;
}
