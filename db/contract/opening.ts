/**
 * Opening the database, as the window sees it before anything else. Opening an older file
 * converts it into the current shape first: a new file filled, checked and swapped in, minutes on
 * years of data. Meanwhile the window asks `system.opening` how far it is, and shows it. Phases
 * are named by key: the renderer translates `opening.phases.<key>`.
 */
import { z } from 'zod';
import { everyRole, runtime } from './access';
import { noInput } from './fields';
import { refusalOutput } from './jobs';

/** A conversion's phases, in order: room for the new file, the copy, indexes, checks, the swap. */
export const conversionPhases = ['space', 'copy', 'finish', 'check', 'swap'] as const;
export type ConversionPhase = (typeof conversionPhases)[number];

export const openingStates = ['opening', 'converting', 'open', 'failed'] as const;

export const openingOutput = z.object({
  state: z.enum(openingStates),
  /** While converting: the phase, and how far into it (rows copied, indexes built, checks run). */
  progress: z
    .object({
      phase: z.enum(conversionPhases),
      done: z.number().int().min(0),
      total: z.number().int().min(0),
    })
    .nullable(),
  /** Why the database could not be opened (state `failed`). */
  error: refusalOutput.nullable(),
});
export type Opening = z.infer<typeof openingOutput>;

export const openingChannels = {
  // Answered by the core's runtime before anyone is known (staff live in the database it is
  // opening): it says only how far opening is, nothing about people or records.
  'system.opening': { input: noInput, output: openingOutput, access: runtime(everyRole) },
} as const;
