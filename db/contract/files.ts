/**
 * Files across the boundary. The renderer never sends or receives a path: a host opens the OS
 * dialog (Electron) or takes an upload (the harness) and gives back an opaque handle, with the
 * file's name to show; channels take the handle, and the core reads through it.
 */
import { z } from 'zod';
import { everyRole, host } from './access';
import { fileHandlePattern } from './fields';

/** What the core may do with a file it was handed: read it, write it, or write files into a folder. */
export const fileModes = ['read', 'write', 'folder'] as const;
export type FileMode = (typeof fileModes)[number];

/** What a host resolved a handle to, for the one call that named it. */
export interface FileGrant {
  path: string;
  mode: FileMode;
}
export type FileGrants = Record<string, FileGrant>;

/** What a file is chosen for: the dialog offers files of that kind. */
export const fileKinds = ['outpostDatabase'] as const;
export type FileKind = (typeof fileKinds)[number];

export const chosenFileOutput = z
  .object({
    handle: z.string(),
    /** The file's own name, to show; never its folder. */
    name: z.string(),
  })
  /** Null: the person closed the dialog without choosing. */
  .nullable();
export type ChosenFile = z.infer<typeof chosenFileOutput>;

export const fileChannels = {
  'files.chooseOpen': {
    input: z.object({ kind: z.enum(fileKinds, 'invalid_value') }).strict(),
    output: chosenFileOutput,
    access: host(everyRole),
  },
} as const;

/** Every file handle an input names, however deep: what a host must resolve for the call. */
export function handlesIn(value: unknown): string[] {
  if (typeof value === 'string') return fileHandlePattern.test(value) ? [value] : [];
  if (Array.isArray(value)) return value.flatMap(handlesIn);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(handlesIn);
  return [];
}
