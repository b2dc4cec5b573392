/**
 * The core as one object: open the database, answer contract calls through dispatch, close. The
 * worker thread wraps this; the command line and tests use it directly.
 */
import {
  isChannelName,
  laneOf,
  type CallChannelName,
  type ChannelInput,
  type ChannelOutput,
  type JobChannelName,
  type JobResult,
} from '../contract';
import type { Actor, Envelope } from '../contract/envelope';
import type { ChosenFile, FileGrants, FileMode } from '../contract/files';
import { seedDemoData } from '../demo/demo';
import { dispatch, perform, type CoreContext } from '../dispatch/dispatch';
import { startJob, type JobHooks } from '../dispatch/jobs';
import { findIdentity, prepareCore, type DatabaseIdentity } from '../dispatch/first-run';
import { openDatabase, openReadOnlyDatabase, type OpenOptions } from '../platform/database';
import { createFileRegistry } from './files';
import { createJobKeeper, launchHere, type JobEvent, type JobFollowingChannel } from './job-keeper';
import { answerOpening, opened } from './opening';

export interface CoreOptions extends OpenOptions {
  databasePath: string;
  appVersion: string;
  /** A demo database: filled with synthetic data on first open, and flagged so the UI shows a banner. */
  demo?: boolean;
}

export interface CoreInfo {
  databasePath: string;
  deviceId: string;
  defaultStaffId: string;
  demo: boolean;
}

export interface Core {
  info: CoreInfo;
  context: CoreContext;
  identity: DatabaseIdentity;
  /** The envelope for a call, as hosts relay it, with the files it was handed. */
  dispatch(channel: string, input: unknown, actor: Actor, files?: FileGrants): Envelope<unknown>;
  /** A handle for a file or folder someone chose, for `mode` only (hosts call this, never the renderer). */
  grantFile(path: string, mode: FileMode, name?: string): NonNullable<ChosenFile>;
  /** The result of a call, or the OutpostError that refused it. */
  perform<C extends CallChannelName>(channel: C, input: ChannelInput<C>, actor: Actor): ChannelOutput<C>;
  /**
   * Answers any core channel as a host would: reads and writes through dispatch, jobs started here
   * and followed through `jobs.get` (the tests' way to the whole contract without threads).
   */
  call(channel: string, input: unknown, actor: Actor): Promise<Envelope<unknown>>;
  watchJob(jobId: string, listener: (event: JobEvent) => void): () => void;
  /** Runs a job here, on this connection (the command line, tests): its result, with progress as it goes. */
  runJob<C extends JobChannelName>(
    channel: C,
    input: ChannelInput<C>,
    actor: Actor,
    hooks?: JobHooks,
  ): Promise<JobResult<C>>;
  close(): void;
}

function coreOn(context: CoreContext, identity: DatabaseIdentity, options: CoreOptions, close: () => void): Core {
  const launcher = launchHere(context);
  const keeper = createJobKeeper(launcher);
  const files = createFileRegistry();
  return {
    info: {
      databasePath: options.databasePath,
      deviceId: identity.deviceId,
      defaultStaffId: identity.defaultStaffId,
      demo: context.core.demo,
    },
    context,
    identity,
    dispatch: (channel, input, actor, grants) => dispatch(context, channel, input, actor, grants),
    grantFile: (path, mode, name) => files.grant(path, mode, name),
    perform: (channel, input, actor) => perform(context, channel, input, actor),
    async call(channel, input, actor) {
      if (isChannelName(channel) && laneOf(channel) === 'job')
        return keeper.start(channel, input, actor, files.grantsFor(input));
      if (channel === 'system.opening') return answerOpening(input, opened);
      if (isChannelName(channel) && laneOf(channel) === 'runtime')
        return keeper.answer(channel as JobFollowingChannel, input, actor);
      return dispatch(context, channel, input, actor, files.grantsFor(input));
    },
    watchJob: (jobId, listener) => keeper.watch(jobId, listener),
    runJob: (channel, input, actor, hooks) => startJob(context, channel, input, actor, hooks),
    close() {
      launcher.cancelAll();
      close();
    },
  };
}

export async function openCore(options: CoreOptions): Promise<Core> {
  const db = await openDatabase(options.databasePath, options);
  try {
    const demo = options.demo ?? false;
    const { context, identity } = prepareCore(db, { appVersion: options.appVersion, demo });
    // The app's demo: three months at four sites, enough for monthly reports, made in seconds.
    if (demo) seedDemoData(context, { staffId: identity.defaultStaffId }, { sites: 4, years: 0.25, stockDays: 60 });
    return coreOn(context, identity, options, () => db.close());
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * The core on a read-only connection, for the jobs' lane: the same dispatch, on a database the
 * writer has already opened, migrated and set up. It writes nothing, so it has no first run.
 */
export async function openReadCore(options: CoreOptions): Promise<Core> {
  const db = openReadOnlyDatabase(options.databasePath, options);
  try {
    const { deviceId, defaultStaffId } = findIdentity(db);
    if (deviceId === undefined || defaultStaffId === undefined) {
      throw new Error('The database has not been set up by its writer yet.');
    }
    const identity: DatabaseIdentity = { deviceId, defaultStaffId };
    const demo = options.demo ?? false;
    const context: CoreContext = { db, core: { appVersion: options.appVersion, demo, deviceId } };
    return coreOn(context, identity, options, () => db.close());
  } catch (error) {
    db.close();
    throw error;
  }
}
