/**
 * Files someone chooses in the OS dialog. The page asks for a kind of file and gets back an opaque
 * handle and the file's name; the path stays here and in the core's grants.
 */
import type { BrowserWindow, Dialog } from 'electron';
import type { ChannelOutput, ParsedInput } from '../../db/contract';
import type { Envelope } from '../../db/contract/envelope';
import type { FileKind } from '../../db/contract/files';
import type { CoreConnection } from '../../db/runtime/core-client';

const filters: Record<FileKind, { name: string; extensions: string[] }[]> = {
  outpostDatabase: [{ name: 'Outpost database', extensions: ['sqlite'] }],
};

export function chooseFileToOpen(
  dialog: Pick<Dialog, 'showOpenDialog'>,
  core: Pick<CoreConnection, 'grantFile'>,
  window: () => BrowserWindow | undefined,
) {
  return async (input: ParsedInput<'files.chooseOpen'>): Promise<Envelope<ChannelOutput<'files.chooseOpen'>>> => {
    const options = { properties: ['openFile' as const], filters: filters[input.kind] };
    const parent = window();
    const chosen = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
    const [path] = chosen.filePaths;
    if (chosen.canceled || path === undefined) return { ok: true, data: null };
    return { ok: true, data: core.grantFile(path, 'read') };
  };
}
