/**
 * The core as one object: open the database, answer contract calls through dispatch, close. The
 * worker thread wraps this; the command line and tests use it directly.
 */
import type { ChannelInput, ChannelOutput, CoreChannelName } from '../contract';
import type { Actor, Envelope } from '../contract/envelope';
import { seedDemoData } from '../demo/demo';
import { dispatch, perform, type CoreContext } from '../dispatch/dispatch';
import { prepareCore, type DatabaseIdentity } from '../dispatch/first-run';
import { openDatabase, type OpenOptions } from '../platform/database';

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
  /** The envelope for a call, as hosts relay it. */
  dispatch(channel: string, input: unknown, actor: Actor): Envelope<unknown>;
  /** The result of a call, or the OutpostError that refused it. */
  perform<C extends CoreChannelName>(channel: C, input: ChannelInput<C>, actor: Actor): ChannelOutput<C>;
  close(): void;
}

export async function openCore(options: CoreOptions): Promise<Core> {
  const db = await openDatabase(options.databasePath, options);
  try {
    const demo = options.demo ?? false;
    const { context, identity } = prepareCore(db, { appVersion: options.appVersion, demo });
    // The app's demo: three months at four sites, enough for monthly reports, made in seconds.
    if (demo) seedDemoData(context, { staffId: identity.defaultStaffId }, { sites: 4, years: 0.25, stockDays: 60 });
    return {
      info: {
        databasePath: options.databasePath,
        deviceId: identity.deviceId,
        defaultStaffId: identity.defaultStaffId,
        demo,
      },
      context,
      identity,
      dispatch: (channel, input, actor) => dispatch(context, channel, input, actor),
      perform: (channel, input, actor) => perform(context, channel, input, actor),
      close: () => db.close(),
    };
  } catch (error) {
    db.close();
    throw error;
  }
}
