/**
 * The core as one object: open the database, answer contract calls, close. The worker thread
 * wraps this; tests use it directly.
 */
import { ensureIdentity } from '../system/bootstrap';
import { isChannelName } from '../contract/channel-names';
import { failure, success, type Actor, type Envelope } from '../contract/envelope';
import { toContractError } from './gateway';
import { openDatabase, type OpenOptions } from '../platform/database';
import { seedDemoData } from '../demo/demo';
import { OutpostError } from '../contract/errors';
import { handlers, type CoreContext } from './handlers';

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
  dispatch(channel: string, input: unknown, actor: Actor): Envelope<unknown>;
  close(): void;
}

export async function openCore(options: CoreOptions): Promise<Core> {
  const db = await openDatabase(options.databasePath, options);
  try {
    const identity = ensureIdentity(db);
    const demo = options.demo ?? false;
    // The app's demo: three months at four sites, enough for monthly reports, made in seconds.
    if (demo) seedDemoData(db, identity, { sites: 4, years: 0.25, stockDays: 60 });
    const context: CoreContext = { db, identity, appVersion: options.appVersion, demo };
    return {
      info: {
        databasePath: options.databasePath,
        deviceId: identity.deviceId,
        defaultStaffId: identity.defaultStaffId,
        demo,
      },
      context,
      dispatch: (channel, input, actor) => dispatch(context, channel, input, actor),
      close: () => db.close(),
    };
  } catch (error) {
    db.close();
    throw error;
  }
}

export function errorEnvelope(error: unknown): Envelope<never> {
  if (error instanceof OutpostError) return failure(toContractError(error));
  // Unexpected failures are logged in full here but never shown raw: they may contain data.
  console.error('[outpost core] unexpected error:', error);
  return failure({ code: 'internal_error', message: new OutpostError('internal_error').message });
}

function dispatch(context: CoreContext, channel: string, input: unknown, actor: Actor): Envelope<unknown> {
  // Host channels (switching data sets) never reach the core: the host answers them.
  if (!isChannelName(channel) || !Object.hasOwn(handlers, channel))
    return failure({ code: 'unknown_channel', message: `There is no channel named "${channel}".` });
  try {
    const handler = handlers[channel as keyof typeof handlers] as (
      context: CoreContext,
      input: unknown,
      actor: Actor,
    ) => unknown;
    return success(handler(context, input, actor));
  } catch (error) {
    return errorEnvelope(error);
  }
}
