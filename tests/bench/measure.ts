/**
 * Runs and their summaries. Every timed figure is a series of runs after warm-up, reported as
 * min, median and p95, next to the target the project set for it; nothing here asserts a target.
 */

export type DatabaseLabel = 'small' | 'large';

export interface Summary {
  min: number;
  median: number;
  p95: number;
  runs: number;
}

export interface BenchResult extends Summary {
  name: string;
  /** The demo database the figure was measured on, or null for the whole run. */
  database: DatabaseLabel | null;
  unit: 'ms' | 's' | 'MiB' | 'bytes';
  /** This figure's median over the baseline's median. */
  ratio?: number;
  baseline?: string;
  target?: string;
  /** Whether the figure meets its target; absent when it has none. */
  met?: boolean;
  note?: string;
}

/** What a figure is held to, as a reader sees it, and the check behind it. */
export interface Target {
  text: string;
  met(result: Omit<BenchResult, 'met' | 'target'>): boolean;
}

export const targets = {
  saveP95: { text: 'p95 ≤ 2 ms', met: (result) => result.p95 <= 2 },
  saveAgainstFloor: {
    text: 'p95 ≤ 2 ms, median ≤ 1.5× floor',
    met: (result) => result.p95 <= 2 && (result.ratio ?? Infinity) <= 1.5,
  },
  listP95: { text: 'p95 ≤ 20 ms', met: (result) => result.p95 <= 20 },
  screenMedian: { text: 'median ≤ 100 ms', met: (result) => result.median <= 100 },
  monthFigures: { text: 'p95 ≤ 20 ms', met: (result) => result.p95 <= 20 },
  series: { text: 'p95 ≤ 50 ms', met: (result) => result.p95 <= 50 },
  openWarm: { text: 'p95 ≤ 100 ms', met: (result) => result.p95 <= 100 },
  openCold: { text: 'p95 ≤ 300 ms', met: (result) => result.p95 <= 300 },
  verify: { text: '≤ 60 s', met: (result) => result.median <= 60 },
  bytesPerEncounter: { text: '≤ 1,000 bytes', met: (result) => result.median <= 1000 },
  peakRss: { text: '≤ 300 MB', met: (result) => result.median * 1.048576 <= 300 },
} satisfies Record<string, Target>;

function percentile(sorted: readonly number[], fraction: number): number {
  // Nearest rank: the smallest run at least `fraction` of the runs are no slower than.
  const rank = Math.ceil(fraction * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))]!;
}

export function summarise(values: readonly number[]): Summary {
  if (values.length === 0) throw new Error('There are no runs to summarise.');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { min: sorted[0]!, median, p95: percentile(sorted, 0.95), runs: sorted.length };
}

/** A single value (a file size, one verify) in the same shape as a series. */
export function single(value: number): Summary {
  return { min: value, median: value, p95: value, runs: 1 };
}

export function result(fields: Omit<BenchResult, 'met' | 'target'>, target?: Target): BenchResult {
  return target ? { ...fields, target: target.text, met: target.met(fields) } : fields;
}

export function elapsedMs(started: bigint): number {
  return Number(process.hrtime.bigint() - started) / 1e6;
}

export interface Repetitions {
  warmup: number;
  runs: number;
}

/** Milliseconds of each run of `work` after `warmup` untimed ones; `work` gets the run's index. */
export function timeSync(repetitions: Repetitions, work: (index: number) => unknown): number[] {
  for (let index = 0; index < repetitions.warmup; index += 1) work(index);
  const times: number[] = [];
  for (let index = 0; index < repetitions.runs; index += 1) {
    const started = process.hrtime.bigint();
    work(repetitions.warmup + index);
    times.push(elapsedMs(started));
  }
  return times;
}

/** Runs of `work` and of its `baseline`, one after the other and each going first in turn, so both meet the same cache and load. */
export function timeAgainst(
  repetitions: Repetitions,
  work: () => unknown,
  baseline: () => unknown,
): { times: number[]; baselineTimes: number[] } {
  const times: number[] = [];
  const baselineTimes: number[] = [];
  const timed = (run: () => unknown, into: number[] | null) => {
    const started = process.hrtime.bigint();
    run();
    into?.push(elapsedMs(started));
  };
  for (let index = 0; index < repetitions.warmup + repetitions.runs; index += 1) {
    const counted = index >= repetitions.warmup;
    const pair: [() => unknown, number[] | null][] = [
      [work, counted ? times : null],
      [baseline, counted ? baselineTimes : null],
    ];
    if (index % 2 === 1) pair.reverse();
    for (const [run, into] of pair) timed(run, into);
  }
  return { times, baselineTimes };
}

export async function timeAsync(
  repetitions: Repetitions,
  work: (index: number) => Promise<unknown>,
): Promise<number[]> {
  for (let index = 0; index < repetitions.warmup; index += 1) await work(index);
  const times: number[] = [];
  for (let index = 0; index < repetitions.runs; index += 1) {
    const started = process.hrtime.bigint();
    await work(repetitions.warmup + index);
    times.push(elapsedMs(started));
  }
  return times;
}

export function peakRssMiB(): number {
  // maxRSS is in KiB, and covers the worker threads, which share the process.
  return process.resourceUsage().maxRSS / 1024;
}
