/**
 * Files someone chooses in the OS dialog: one to open, a place to save one, or a folder. The page
 * asks for a kind of file and gets back an opaque handle and the file's (or folder's) own name;
 * the path stays here and in the core's grants.
 */
import type { BrowserWindow, Dialog, OpenDialogOptions, SaveDialogOptions } from 'electron';
import { basename, dirname, join } from 'node:path';
import type { ChannelOutput, ParsedInput } from '../../db/contract';
import type { Envelope } from '../../db/contract/envelope';
import { fileExtensions, withExtension, type FileKind } from '../../db/contract/files';
import type { CoreConnection } from '../../db/runtime/core-client';

const filters: Record<FileKind, { name: string; extensions: string[] }[]> = {
  outpostDatabase: [{ name: 'Outpost database', extensions: [fileExtensions.outpostDatabase.slice(1)] }],
};

type Chosen = Envelope<ChannelOutput<'files.chooseOpen'>>;

export function fileDialogs(
  dialog: Pick<Dialog, 'showOpenDialog' | 'showSaveDialog'>,
  core: Pick<CoreConnection, 'grantFile'>,
  window: () => BrowserWindow | undefined,
) {
  const open = (options: OpenDialogOptions) => {
    const parent = window();
    return parent ? dialog.showOpenDialog(parent, options) : dialog.showOpenDialog(options);
  };
  const save = (options: SaveDialogOptions) => {
    const parent = window();
    return parent ? dialog.showSaveDialog(parent, options) : dialog.showSaveDialog(options);
  };
  const nothingChosen: Chosen = { ok: true, data: null };

  return {
    async 'files.chooseOpen'(input: ParsedInput<'files.chooseOpen'>): Promise<Chosen> {
      const chosen = await open({ properties: ['openFile'], filters: filters[input.kind] });
      const [path] = chosen.filePaths;
      if (chosen.canceled || path === undefined) return nothingChosen;
      return { ok: true, data: core.grantFile(path, 'read') };
    },

    async 'files.chooseSave'(input: ParsedInput<'files.chooseSave'>): Promise<Chosen> {
      const chosen = await save({
        defaultPath: input.suggestedName,
        filters: filters[input.kind],
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      });
      if (chosen.canceled || !chosen.filePath) return nothingChosen;
      // Some desktops return the name as typed: a copy saved as "march" is still a database file.
      const path = join(dirname(chosen.filePath), withExtension(basename(chosen.filePath), input.kind));
      return { ok: true, data: core.grantFile(path, 'write', basename(path)) };
    },

    async 'files.chooseFolder'(): Promise<Chosen> {
      const chosen = await open({ properties: ['openDirectory', 'createDirectory'] });
      const [path] = chosen.filePaths;
      if (chosen.canceled || path === undefined) return nothingChosen;
      return { ok: true, data: core.grantFile(path, 'folder') };
    },
  };
}
