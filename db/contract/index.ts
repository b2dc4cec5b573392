/**
 * THE contract: every channel between the renderer and the core, with its input schema (validated
 * at runtime on every call) and its output schema (the type the renderer gets; checked in tests).
 */
import { z } from 'zod';
import type { ChannelName } from './channel-names';
import { itemOutput, listCatalogInput, siteOutput } from './catalog';
import { encounterOutput, listEncountersInput, logEncounterInput } from './encounters';
import { aboutOutput, noInput, sessionOutput } from './system';

export interface ChannelSpec {
  input: z.ZodType;
  output: z.ZodType;
}

export const contract = {
  'system.about': { input: noInput, output: aboutOutput },
  'session.current': { input: noInput, output: sessionOutput },
  'sites.list': { input: listCatalogInput, output: z.array(siteOutput) },
  'items.list': { input: listCatalogInput, output: z.array(itemOutput) },
  'encounters.log': { input: logEncounterInput, output: encounterOutput },
  'encounters.list': { input: listEncountersInput, output: z.array(encounterOutput) },
} as const satisfies { [C in ChannelName]: ChannelSpec };

export type Contract = typeof contract;
/** What a caller sends (before defaults and normalisation). */
export type ChannelInput<C extends ChannelName> = z.input<Contract[C]['input']>;
/** What the core receives after validation. */
export type ParsedInput<C extends ChannelName> = z.output<Contract[C]['input']>;
export type ChannelOutput<C extends ChannelName> = z.output<Contract[C]['output']>;

export { channelNames, isChannelName, type ChannelName } from './channel-names';
export type { Actor, ContractError, Envelope } from './envelope';
