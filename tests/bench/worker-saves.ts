/**
 * Saves through the worker threads and the contract, as the app calls the core, in a process of
 * its own: the app's main process holds no core itself, so this process's peak memory is the
 * app's, not the benchmark's after every measurement it made in process. Run by
 * measureThroughWorkers with one JSON argument; prints the times and the peak as JSON.
 */
import { startCore } from '../../db/runtime/core-client';
import { builtWorkerEntry } from '../../harness/default-paths';
import { encounterToSave, type Fixtures } from './fixtures';
import { peakRssMiB, timeAsync, type Repetitions } from './measure';

export interface WorkerSavesRequest {
  path: string;
  appVersion: string;
  fixtures: Fixtures;
  repetitions: Repetitions;
}

export interface WorkerSavesReport {
  times: number[];
  peakRssMiB: number;
}

void (async () => {
  const { path, appVersion, fixtures, repetitions } = JSON.parse(process.argv[2]!) as WorkerSavesRequest;
  const connection = await startCore(builtWorkerEntry(), { databasePath: path, appVersion });
  try {
    const actor = { staffId: connection.info.defaultStaffId };
    const times = await timeAsync(repetitions, async (index) => {
      const envelope = await connection.call('encounters.log', encounterToSave(fixtures, index), actor);
      if (!envelope.ok) throw new Error(`encounters.log through the worker refused: ${envelope.error.message}`);
    });
    const report: WorkerSavesReport = { times, peakRssMiB: peakRssMiB() };
    process.stdout.write(JSON.stringify(report));
  } finally {
    await connection.close();
  }
})();
