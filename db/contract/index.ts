/**
 * THE contract: every channel between the renderer and the core, with its input schema (validated
 * at runtime on every call) and its output schema (the type the renderer gets; checked in tests).
 * Each domain declares its channels in its own file; this file puts them together.
 */
import type { z } from 'zod';
import type { ChannelName } from './channel-names';
import { catalogChannels } from './catalog';
import { encounterChannels } from './field-entries';
import { presetChannels } from './presets';
import { systemChannels } from './system';
// >>> participants (helper A)
import { participantChannels } from './participants';
// <<< participants
// >>> catalog, settings, staff, inventory (helper B)
import { inventoryChannels } from './inventory';
import { settingsChannels } from './settings';
import { staffChannels } from './staff';
// <<< catalog, settings, staff, inventory

export interface ChannelSpec {
  input: z.ZodType;
  output: z.ZodType;
}

export const contract = {
  ...systemChannels,
  ...encounterChannels,
  ...presetChannels,
  // >>> participants (helper A)
  ...participantChannels,
  // <<< participants
  // >>> catalog, settings, staff, inventory (helper B)
  ...settingsChannels,
  ...staffChannels,
  ...catalogChannels,
  ...inventoryChannels,
  // <<< catalog, settings, staff, inventory
} as const satisfies { [C in ChannelName]: ChannelSpec };

/** Fails to compile when a domain declares a channel missing from channel-names.ts. */
export const everyChannelIsNamed: [Exclude<keyof typeof contract, ChannelName>] extends [never] ? true : false = true;

export type Contract = typeof contract;
/** What a caller sends (before defaults and normalisation). */
export type ChannelInput<C extends ChannelName> = z.input<Contract[C]['input']>;
/** What the core receives after validation. */
export type ParsedInput<C extends ChannelName> = z.output<Contract[C]['input']>;
export type ChannelOutput<C extends ChannelName> = z.output<Contract[C]['output']>;

export { channelNames, isChannelName, type ChannelName } from './channel-names';
export type { Actor, ContractError, Envelope } from './envelope';
