/**
 * The files a core was handed: each chosen file or folder (an OS dialog, an upload) gets an
 * opaque handle here, and a call naming a handle carries only the grants it names. The renderer
 * never sees a path, and the core reads and writes only what it was handed.
 */
import { basename } from 'node:path';
import { randomUUID } from 'node:crypto';
import { handlesIn, type ChosenFile, type FileGrant, type FileGrants, type FileMode } from '../contract/files';

export function createFileRegistry() {
  const granted = new Map<string, FileGrant>();
  return {
    /** A handle for `path`, for `mode` only; `name` is what the person sees (the file's own name). */
    grant(path: string, mode: FileMode, name = basename(path)): NonNullable<ChosenFile> {
      const handle = `file:${randomUUID()}`;
      granted.set(handle, { path, mode });
      return { handle, name };
    },
    /** The grants for the handles `input` names; handles never handed out are left out (and refused). */
    grantsFor(input: unknown): FileGrants {
      const grants: FileGrants = {};
      // Most calls (every save) name no file: nothing to look for until one was handed out.
      if (granted.size === 0) return grants;
      for (const handle of handlesIn(input)) {
        const grant = granted.get(handle);
        if (grant) grants[handle] = grant;
      }
      return grants;
    },
  };
}

export type FileRegistry = ReturnType<typeof createFileRegistry>;
