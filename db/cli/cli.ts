/**
 * Command line for data managers: `npm run cli -- <command>`. A thin layer over the core, so the
 * packaged app can offer the same commands later.
 *
 *   demo   --db FILE [--sites N] [--years N] [--seed S] [--today YYYY-MM-DD] [--time-zone ZONE]
 *   verify --db FILE
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { jobPhaseMessages, type JobProgress } from '../contract/jobs';
import { seedDemoData } from '../demo/demo';
import { conversionLog } from '../platform/conversion';
import { openCore } from '../runtime/core';

/** A file converted on opening says how far it is, on stderr (stdout carries the JSON). */
const onConversion = conversionLog((line) => console.error(line));

/** One line per step of a job, as a person reads it: "verify 3/12 Checking stock balances against the ledger". */
export function progressLine(job: string, progress: JobProgress): string {
  return `${job} ${progress.done}/${progress.total} ${jobPhaseMessages[progress.phase]}`;
}

const usage = `Usage:
  npm run cli -- demo --db FILE [--sites N] [--years N] [--seed S] [--today YYYY-MM-DD] [--time-zone ZONE]
  npm run cli -- verify --db FILE`;

function wholeNumber(value: string | undefined, name: string, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1 || number > max)
    throw new Error(`--${name} must be a whole number from 1 to ${max}, not "${value}".`);
  return number;
}

async function demo(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      db: { type: 'string' },
      sites: { type: 'string' },
      years: { type: 'string' },
      seed: { type: 'string' },
      today: { type: 'string' },
      'time-zone': { type: 'string' },
    },
  });
  if (!values.db) throw new Error(`demo needs --db FILE.\n${usage}`);
  const today = values.today ? new Date(`${values.today}T12:00:00Z`) : undefined;
  if (today && Number.isNaN(today.getTime()))
    throw new Error(`--today must be a date as YYYY-MM-DD, not "${values.today}".`);
  const options = {
    sites: wholeNumber(values.sites, 'sites', 4, 200),
    years: wholeNumber(values.years, 'years', 1, 20),
    seed: wholeNumber(values.seed, 'seed', 20_261_122, 2 ** 31),
    ...(today ? { today } : {}),
    ...(values['time-zone'] === undefined ? {} : { timeZone: values['time-zone'] }),
  };
  const started = Date.now();
  const core = await openCore({ databasePath: values.db, appVersion: 'cli', onConversion });
  try {
    // A demo database can be rebuilt at will: trade durability for speed while loading it.
    core.context.db.sqlite.pragma('synchronous = OFF');
    core.context.db.sqlite.pragma('cache_size = -262144'); // 256 MiB: indexes of millions of rows stay in memory
    const summary = seedDemoData(core.context, { staffId: core.info.defaultStaffId }, options);
    core.context.db.sqlite.pragma('synchronous = FULL');
    if (!summary) {
      console.error(
        `${values.db} already has encounters or tallies: demo data goes into a new, separate database only.`,
      );
      return 1;
    }
    console.log(JSON.stringify({ ...summary, seconds: Math.round((Date.now() - started) / 100) / 10 }, null, 2));
    return 0;
  } finally {
    core.close();
  }
}

async function verify(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { db: { type: 'string' } } });
  if (!values.db) throw new Error(`verify needs --db FILE.\n${usage}`);
  if (!existsSync(values.db)) throw new Error(`There is no database at ${values.db}.`);
  const core = await openCore({ databasePath: values.db, appVersion: 'cli', onConversion });
  try {
    // The same job the app runs, through dispatch: progress lines on stderr, the report on stdout.
    const report = await core.runJob(
      'system.verify',
      {},
      { staffId: core.info.defaultStaffId },
      { onProgress: (progress) => console.error(progressLine('verify', progress)) },
    );
    console.log(JSON.stringify(report, null, 2));
    return report.ok ? 0 : 1;
  } finally {
    core.close();
  }
}

export async function runCli(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'demo') return demo(rest);
  if (command === 'verify') return verify(rest);
  console.error(usage);
  return 2;
}

if (require.main === module) {
  runCli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(2);
    },
  );
}
