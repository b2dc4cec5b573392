/**
 * The single entry point used by every host (Electron IPC and the HTTP harness). Core channels go
 * to the core worker, whose dispatch validates, checks access and runs them. Host channels (which
 * act on the core itself, like opening the demo database) are validated and access-checked here
 * with the same contract, then answered by the host. Hosts add their own caller check (sender
 * frame, token) before calling `invoke`.
 */
import {
  contract,
  isChannelName,
  isHostChannel,
  type ChannelOutput,
  type HostChannelName,
  type ParsedInput,
} from '../contract';
import { accessFor } from '../contract/access';
import { contractErrorOf, failure, type Actor, type Envelope } from '../contract/envelope';
import { OutpostError } from '../contract/errors';
import type { Session } from '../contract/system';
import { parseChannelInput } from '../contract/validation';

export interface CoreCaller {
  call(channel: string, input: unknown, actor: Actor): Promise<Envelope<unknown>>;
}

/** What a host does for the channels it answers itself (the contract's host lane). */
export type HostHandlers = {
  [C in HostChannelName]: (input: ParsedInput<C>, actor: Actor) => Promise<Envelope<ChannelOutput<C>>>;
};

export interface Gateway {
  invoke(channel: string, rawInput: unknown, actor: Actor): Promise<Envelope<unknown>>;
}

export function createGateway(core: CoreCaller, host?: HostHandlers): Gateway {
  async function invokeHost<C extends HostChannelName>(
    channel: C,
    rawInput: unknown,
    actor: Actor,
  ): Promise<Envelope<unknown>> {
    if (!host) return failure({ code: 'unknown_channel', message: 'This host cannot answer that channel.' });
    let input: ParsedInput<C>;
    try {
      input = parseChannelInput(channel, rawInput);
    } catch (error) {
      return failure(contractErrorOf(error as OutpostError));
    }
    // Who is acting, as the core knows them: it refuses unknown and deactivated staff.
    const session = (await core.call('session.current', {}, actor)) as Envelope<Session>;
    if (!session.ok) return session;
    if (accessFor(contract[channel].access, session.data.role) !== 'full') {
      return failure(contractErrorOf(new OutpostError('not_permitted')));
    }
    return host[channel](input, actor);
  }

  return {
    async invoke(channel, rawInput, actor) {
      if (!isChannelName(channel)) {
        return failure({ code: 'unknown_channel', message: `There is no channel named "${String(channel)}".` });
      }
      if (isHostChannel(channel)) return invokeHost(channel, rawInput, actor);
      return core.call(channel, rawInput ?? {}, actor);
    },
  };
}
