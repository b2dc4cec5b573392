/**
 * THE contract: every channel between the renderer and the core, with its input schema (validated
 * at runtime on every call), its output schema (the type the renderer gets; checked in tests) and
 * its access rule (which lane it runs on and which roles may call it). Each domain declares its
 * channels in its own file; this file puts them together.
 */
import type { z } from 'zod';
import type { AccessRule } from './access';
import { catalogChannels } from './catalog';
import { collectionChannels } from './collections';
import { countChannels } from './counts';
import { channelNames, type ChannelName } from './channel-names';
import { fieldEntryChannels } from './field-entries';
import { fileChannels } from './files';
import { inventoryChannels } from './inventory';
import { jobChannels } from './jobs';
import { openingChannels } from './opening';
import { participantChannels } from './participants';
import { presetChannels } from './presets';
import { settingsChannels } from './settings';
import { staffChannels } from './staff';
import { systemChannels } from './system';

export interface ChannelSpec {
  input: z.ZodType;
  /** What the call answers; for a job, that it started (`{ jobId }`). */
  output: z.ZodType;
  /** A job's result, once it is done (`jobs.get`). */
  result?: z.ZodType;
  access: AccessRule;
}

export const contract = {
  ...systemChannels,
  ...openingChannels,
  ...jobChannels,
  ...fileChannels,
  ...settingsChannels,
  ...staffChannels,
  ...catalogChannels,
  ...participantChannels,
  ...fieldEntryChannels,
  ...presetChannels,
  ...inventoryChannels,
  ...countChannels,
  ...collectionChannels,
} as const satisfies { [C in ChannelName]: ChannelSpec };

/** Fails to compile when a domain declares a channel missing from channel-names.ts. */
export const everyChannelIsNamed: [Exclude<keyof typeof contract, ChannelName>] extends [never] ? true : false = true;

export type Contract = typeof contract;
/** What a caller sends (before defaults and normalisation). */
export type ChannelInput<C extends ChannelName> = z.input<Contract[C]['input']>;
/** What the core receives after validation. */
export type ParsedInput<C extends ChannelName> = z.output<Contract[C]['input']>;
export type ChannelOutput<C extends ChannelName> = z.output<Contract[C]['output']>;
export type ChannelLane<C extends ChannelName> = Contract[C]['access']['lane'];

type ChannelsOnLane<L> = { [C in ChannelName]: ChannelLane<C> extends L ? C : never }[ChannelName];
/** Channels answered by the host (Electron's main process or the harness), because they act on the core itself. */
export type HostChannelName = ChannelsOnLane<'host'>;
export type CoreChannelName = Exclude<ChannelName, HostChannelName>;
export type ReadChannelName = ChannelsOnLane<'read'>;
export type WriteChannelName = ChannelsOnLane<'write'>;
export type JobChannelName = ChannelsOnLane<'job'>;
/** Channels the runtime answers from the jobs it keeps. */
export type RuntimeChannelName = ChannelsOnLane<'runtime'>;
/** Channels answered in one call: a read or a write. */
export type CallChannelName = ReadChannelName | WriteChannelName;
/** Channels a domain operation answers, through dispatch. */
export type OperationChannelName = CallChannelName | JobChannelName;
/** What a job's `result` holds once it is done. */
export type JobResult<C extends JobChannelName> = z.output<NonNullable<Contract[C]['result']>>;

export const hostChannelNames = channelNames.filter(
  (channel): channel is HostChannelName => contract[channel].access.lane === 'host',
);

export function isHostChannel(channel: ChannelName): channel is HostChannelName {
  return contract[channel].access.lane === 'host';
}

export function laneOf(channel: ChannelName) {
  return contract[channel].access.lane;
}

export { channelNames, isChannelName, type ChannelName } from './channel-names';
export type { Actor, ContractError, Envelope } from './envelope';
