/**
 * What the core does for each channel. The mapped type makes tsc fail if a channel in the
 * contract has no handler. Inputs arrive validated; domain functions validate again because
 * they are also called directly (tests, command line).
 */
import { listItems, listSites } from './catalog';
import type { ChannelName, ChannelOutput, ParsedInput } from './contract';
import type { Actor } from './contract/envelope';
import type { OutpostDatabase } from './database';
import type { DatabaseIdentity } from './bootstrap';
import { listRecentEncounters, logEncounter } from './encounters';
import { currentSession } from './staff';

export interface CoreContext {
  db: OutpostDatabase;
  identity: DatabaseIdentity;
  appVersion: string;
  demo: boolean;
}

type Handler<C extends ChannelName> = (context: CoreContext, input: ParsedInput<C>, actor: Actor) => ChannelOutput<C>;

export const handlers: { [C in ChannelName]: Handler<C> } = {
  'system.about': (context) => ({
    appVersion: context.appVersion,
    databasePath: context.db.path,
    schemaVersion: context.db.sqlite.pragma('user_version', { simple: true }) as number,
    deviceId: context.identity.deviceId,
    demo: context.demo,
  }),
  'session.current': (context, _input, actor) => currentSession(context.db, actor),
  'sites.list': (context, input) => listSites(context.db, input),
  'items.list': (context, input) => listItems(context.db, input),
  'encounters.log': (context, input, actor) =>
    logEncounter(context.db, { deviceId: context.identity.deviceId, staffId: actor.staffId }, input),
  'encounters.list': (context, input) => listRecentEncounters(context.db, input),
};
