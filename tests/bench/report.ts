/**
 * The benchmark's outputs: a table on stdout, bench/results.json for tools, and bench/README.md
 * with the latest full run for people. The JSON goes through Prettier, so the repository's own
 * format check passes on it.
 */
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import type { DemoBuild } from './demo-databases';
import type { BenchResult, DatabaseLabel } from './measure';

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  sqlite: string;
  platform: string;
}

export interface DatabaseReport {
  path: string;
  sizeBytes: number;
  encounters: number;
  bytesPerEncounter: number;
  build: DemoBuild | null;
  /** True when this run built it; otherwise the build figures are from when it was cached. */
  builtThisRun: boolean;
}

export interface Results {
  mode: 'full' | 'quick';
  machine: Machine;
  generatedAt: string;
  wallSeconds: number;
  databases: Partial<Record<DatabaseLabel, DatabaseReport>>;
  results: BenchResult[];
  notes: string[];
  errors: string[];
}

export function describeMachine(sqliteVersion: string): Machine {
  const processors = cpus();
  return {
    cpus: processors.length,
    cpuModel: processors[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    sqlite: sqliteVersion,
    platform: `${process.platform} ${process.arch}`,
  };
}

function figure(value: number, unit: BenchResult['unit']): string {
  if (unit === 'bytes') return Math.round(value).toLocaleString('en-US');
  if (unit === 'MiB') return value.toFixed(0);
  if (value >= 100) return value.toFixed(0);
  if (value >= 10) return value.toFixed(1);
  return value.toFixed(value >= 1 ? 2 : 3);
}

const headings = ['benchmark', 'db', 'unit', 'runs', 'min', 'median', 'p95', 'ratio', 'target', 'met'];

function rows(results: readonly BenchResult[]): string[][] {
  return results.map((entry) => [
    entry.note ? `${entry.name} (${entry.note})` : entry.name,
    entry.database ?? '-',
    entry.unit,
    String(entry.runs),
    figure(entry.min, entry.unit),
    figure(entry.median, entry.unit),
    figure(entry.p95, entry.unit),
    entry.ratio === undefined ? '' : `${entry.ratio.toFixed(2)}×`,
    entry.target ?? '',
    entry.met === undefined ? '' : entry.met ? 'yes' : 'MISS',
  ]);
}

export function textTable(results: readonly BenchResult[]): string {
  const body = rows(results);
  const widths = headings.map((heading, column) => Math.max(heading.length, ...body.map((row) => row[column]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (column <= 2 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
      .join('  ');
  return [line(headings), widths.map((width) => '-'.repeat(width)).join('  '), ...body.map(line)].join('\n');
}

function markdownTable(
  headingsRow: readonly string[],
  body: readonly string[][],
  numeric: (column: number) => boolean,
): string {
  const escape = (cell: string) => cell.replaceAll('|', '\\|');
  return [
    `| ${headingsRow.join(' | ')} |`,
    `| ${headingsRow.map((_, column) => (numeric(column) ? '---:' : '---')).join(' | ')} |`,
    ...body.map((row) => `| ${row.map(escape).join(' | ')} |`),
  ].join('\n');
}

export function markdownReport(report: Results): string {
  const { machine } = report;
  const databases = Object.entries(report.databases).map(([label, database]) => [
    label,
    database.build
      ? `${database.build.sites} sites × ${database.build.years} year${database.build.years === 1 ? '' : 's'}`
      : '',
    database.encounters.toLocaleString('en-US'),
    `${(database.sizeBytes / 2 ** 20).toFixed(0)} MiB`,
    Math.round(database.bytesPerEncounter).toLocaleString('en-US'),
    database.build
      ? `${database.build.buildSeconds.toFixed(0)} s${database.builtThisRun ? '' : ` (cached, built ${database.build.builtAt.slice(0, 10)})`}`
      : 'unknown (cached)',
  ]);
  return [
    '# Benchmark results',
    '',
    'Written by `npm run bench` (a full run); do not edit by hand. `npm run bench -- --quick` prints its figures',
    'and writes nothing here. The targets are printed next to the figures and never asserted: a miss is',
    'marked MISS. Figures are from one run on a shared machine, so expect noise of tens of percent.',
    '',
    'The fair floor for a save is what SQLite alone takes to write the same rows: temporary triggers record',
    'every row one `encounters.log` inserts or updates, and the floor replays those writes with plain prepared',
    'statements and fresh ids, on the core’s own connection (same pragmas, indexes and triggers), one transaction',
    'per save, alternating with the core’s saves. The ratio is the core’s median over the floor’s. Peak RSS is',
    'the whole process’s: the benchmark’s own for the core in process, and for saves through the worker',
    'threads that of a process of their own, which like the app’s main process holds no core itself.',
    '',
    `Run at ${report.generatedAt} in ${Math.round(report.wallSeconds)} s on ${machine.cpus} × ${machine.cpuModel},`,
    `${machine.memoryGiB} GiB, ${machine.platform}, Node ${machine.node}, SQLite ${machine.sqlite}.`,
    '',
    '## Databases',
    '',
    markdownTable(
      ['database', 'demo data', 'encounters', 'file', 'bytes per encounter', 'generation'],
      databases,
      (column) => column >= 2,
    ),
    '',
    '## Results',
    '',
    'Times in milliseconds unless the unit says otherwise; min, median and p95 over the runs after warm-up.',
    '',
    markdownTable(headings, rows(report.results), (column) => column >= 3 && column <= 7),
    '',
    ...(report.notes.length > 0 ? ['## Notes', '', ...report.notes.map((note) => `- ${note}`), ''] : []),
    ...(report.errors.length > 0 ? ['## Errors', '', ...report.errors.map((error) => `- ${error}`), ''] : []),
  ].join('\n');
}

export async function writeJson(path: string, value: unknown): Promise<void> {
  // Loaded only now: importing Prettier loads its plugins in the background, some 70 MiB the peak would count.
  const { format, resolveConfig } = await import('prettier');
  const config = (await resolveConfig(path)) ?? {};
  writeFileSync(path, await format(JSON.stringify(value), { ...config, filepath: path }));
}
