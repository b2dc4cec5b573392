/** Calls a channel as a host does (through dispatch, with the raw input) and checks the answer against the contract. */
import {
  contract,
  type ChannelInput,
  type ChannelOutput,
  type ContractError,
  type CoreChannelName,
} from '../../db/contract';
import type { Actor } from '../../db/contract/envelope';
import type { Core } from '../../db/runtime/core';

export function callOk<C extends CoreChannelName>(
  core: Core,
  channel: C,
  input: ChannelInput<C>,
  actor: Actor,
): ChannelOutput<C> {
  const envelope = core.dispatch(channel, input, actor);
  if (!envelope.ok) throw new Error(`${channel} failed: ${envelope.error.code} ${envelope.error.message}`);
  return contract[channel].output.parse(envelope.data) as ChannelOutput<C>;
}

/** The error a channel answers with, whether its validation or the operation refuses. */
export function callError(core: Core, channel: CoreChannelName, input: unknown, actor: Actor): ContractError {
  const envelope = core.dispatch(channel, input, actor);
  if (envelope.ok) throw new Error(`${channel} was expected to fail`);
  return envelope.error;
}
