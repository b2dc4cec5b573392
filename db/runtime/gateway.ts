/**
 * The single entry point used by every host (Electron IPC and the HTTP harness): checks that the
 * channel exists, validates the input against the contract, then forwards it to the core worker.
 * Hosts add their own caller check (sender frame, token) before calling `invoke`.
 */
import { isChannelName, contract, type ChannelOutput, type ParsedInput } from '../contract/index';
import type { HostChannelName } from '../contract/channel-names';
import type { Actor, ContractError, Envelope } from '../contract/envelope';
import { validationError } from '../contract/validation';

export interface CoreCaller {
  call(channel: string, input: unknown, actor: Actor): Promise<Envelope<unknown>>;
}

/** What a host does for the channels it answers itself (see hostChannelNames). */
export type HostHandlers = {
  [C in HostChannelName]: (input: ParsedInput<C>, actor: Actor) => Promise<Envelope<ChannelOutput<C>>>;
};

export interface Gateway {
  invoke(channel: string, rawInput: unknown, actor: Actor): Promise<Envelope<unknown>>;
}

export function toContractError(error: {
  code: ContractError['code'];
  message: string;
  field?: string | undefined;
  issues?: ContractError['issues'];
}): ContractError {
  return {
    code: error.code,
    message: error.message,
    ...(error.field === undefined ? {} : { field: error.field }),
    ...(error.issues === undefined ? {} : { issues: error.issues }),
  };
}

export function createGateway(core: CoreCaller, host?: HostHandlers): Gateway {
  return {
    async invoke(channel, rawInput, actor) {
      if (!isChannelName(channel)) {
        return {
          ok: false,
          error: { code: 'unknown_channel', message: `There is no channel named "${String(channel)}".` },
        };
      }
      const parsed = contract[channel].input.safeParse(rawInput ?? {});
      if (!parsed.success) return { ok: false, error: toContractError(validationError(parsed.error)) };
      if (channel === 'system.switchDataSet') {
        if (!host)
          return { ok: false, error: { code: 'unknown_channel', message: 'This host cannot switch data sets.' } };
        return host[channel](parsed.data as ParsedInput<typeof channel>, actor);
      }
      return core.call(channel, parsed.data, actor);
    },
  };
}
