/** What a channel's handler is: each domain module exports a map of these for its channels. */
import type { DatabaseIdentity } from '../system/bootstrap';
import type { ChannelName, ChannelOutput, ParsedInput } from '../contract';
import type { Actor } from '../contract/envelope';
import type { OutpostDatabase } from '../platform/database';
import type { Writer } from '../access/roles';

export interface CoreContext {
  db: OutpostDatabase;
  identity: DatabaseIdentity;
  appVersion: string;
  demo: boolean;
}

export type Handler<C extends ChannelName> = (
  context: CoreContext,
  input: ParsedInput<C>,
  actor: Actor,
) => ChannelOutput<C>;

export type HandlerMap<C extends ChannelName> = { [K in C]: Handler<K> };

/** The writer for a call: this database's device and the acting staff member. */
export function writerOf(context: CoreContext, actor: Actor): Writer {
  return { deviceId: context.identity.deviceId, staffId: actor.staffId };
}
