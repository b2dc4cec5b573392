/**
 * Files across the boundary. The renderer never sends or receives a path: a host opens the OS
 * dialog (Electron) or takes an upload (the harness) and gives back an opaque handle, with the
 * file's name to show; channels take the handle, and the core reads or writes through it. A file
 * the core writes goes where the person chose (in the harness, a file of its own that the page
 * then downloads), never elsewhere.
 */
import { z } from 'zod';
import { everyRole, host } from './access';
import { fileHandle, fileHandlePattern, fileName, noInput, outputFile } from './fields';

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

/** The extension each kind of file has, so a name typed without it still gets it. */
export const fileExtensions: Record<FileKind, string> = { outpostDatabase: '.sqlite' };

/** `name` as given, or with the kind's extension when it has none ("march" becomes "march.sqlite"). */
export function withExtension(name: string, kind: FileKind): string {
  return /\.[A-Za-z0-9]{1,8}$/.test(name) ? name : `${name}${fileExtensions[kind]}`;
}

const fileKind = z.enum(fileKinds, 'invalid_value');

export const fileChannels = {
  'files.chooseOpen': {
    input: z.object({ kind: fileKind }).strict(),
    output: chosenFileOutput,
    access: host(everyRole),
  },
  // Where a file the core makes goes: the save dialog, starting from the name offered.
  'files.chooseSave': {
    input: z.object({ kind: fileKind, suggestedName: fileName }).strict(),
    output: chosenFileOutput,
    access: host(everyRole),
  },
  // A folder the core may write files into (a USB stick for copies).
  'files.chooseFolder': { input: noInput, output: chosenFileOutput, access: host(everyRole) },
} as const;

/**
 * The fields of an input that name files, with what the core may do through each: a file to
 * read needs a handle given for reading; a place to write, one given for saving or a folder.
 */
export function fileFieldsOf(input: unknown): [field: string, modes: readonly FileMode[]][] {
  const shape = (input as { shape?: Record<string, unknown> }).shape ?? {};
  return Object.entries(shape).flatMap(([field, schema]): [string, readonly FileMode[]][] => {
    if (schema === fileHandle) return [[field, ['read']]];
    if (schema === outputFile) return [[field, ['write', 'folder']]];
    return [];
  });
}

/** Every file handle an input names, however deep: what a host must resolve for the call. */
export function handlesIn(value: unknown): string[] {
  if (typeof value === 'string') return fileHandlePattern.test(value) ? [value] : [];
  if (Array.isArray(value)) return value.flatMap(handlesIn);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(handlesIn);
  return [];
}
