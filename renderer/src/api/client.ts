/**
 * The renderer's one door to the core. Inside Electron it uses the preload's `window.outpost`;
 * in a browser served by the harness it posts to the same contract over HTTP on 127.0.0.1.
 */
import type { ChannelInput, ChannelName, ChannelOutput, ContractError, Envelope } from '@contract';
import type { ChosenFile } from '@contract/files';

export type OutpostBridge = {
  [C in ChannelName]: (input: ChannelInput<C>) => Promise<Envelope<ChannelOutput<C>>>;
};

declare global {
  interface Window {
    outpost?: OutpostBridge;
  }
}

/** A call that reached the core and was refused: carries the contract's error for the UI. */
export class ContractCallError extends Error {
  constructor(readonly error: ContractError) {
    super(error.message);
    this.name = 'ContractCallError';
  }
}

/** What a call answers when the harness it posts to cannot be reached at all. */
const unreachable: ContractError = { code: 'core_unavailable', message: 'The Outpost service cannot be reached.' };

function harnessToken(): string {
  const meta = document.querySelector<HTMLMetaElement>('meta[name="outpost-harness-token"]');
  return meta?.content ?? '';
}

async function callHarness(channel: ChannelName, input: unknown): Promise<Envelope<unknown>> {
  let response: Response;
  try {
    response = await fetch(`/api/${channel}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-outpost-token': harnessToken() },
      body: JSON.stringify(input ?? {}),
    });
  } catch {
    return { ok: false, error: unreachable };
  }
  return (await response.json()) as Envelope<unknown>;
}

export async function call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const bridge = window.outpost;
  const envelope = bridge
    ? await (bridge[channel] as (input: unknown) => Promise<Envelope<unknown>>)(input)
    : await callHarness(channel, input);
  if (!envelope.ok) throw new ContractCallError(envelope.error);
  return envelope.data as ChannelOutput<C>;
}

/**
 * A file the person picked in the browser, uploaded to the harness, which answers with a handle
 * as Electron's dialog does. (Inside Electron, `files.chooseOpen` opens the OS dialog instead.)
 */
export async function uploadFile(file: File): Promise<NonNullable<ChosenFile>> {
  let response: Response;
  try {
    response = await fetch('/files/upload', {
      method: 'POST',
      headers: {
        'content-type': 'application/octet-stream',
        'x-outpost-token': harnessToken(),
        'x-outpost-file-name': encodeURIComponent(file.name),
      },
      body: file,
    });
  } catch {
    throw new ContractCallError(unreachable);
  }
  const envelope = (await response.json()) as Envelope<NonNullable<ChosenFile>>;
  if (!envelope.ok) throw new ContractCallError(envelope.error);
  return envelope.data;
}

/**
 * Gives the person a file a job wrote through a handle from `files.chooseSave`. The desktop app
 * already wrote it where they chose; in a browser the harness holds it, and it arrives as a
 * download under the name it was saved as.
 */
export async function deliverFile(file: NonNullable<ChosenFile>): Promise<void> {
  if (hasFileDialog()) return;
  let response: Response;
  try {
    response = await fetch('/files/download', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-outpost-token': harnessToken() },
      body: JSON.stringify({ handle: file.handle }),
    });
  } catch {
    throw new ContractCallError(unreachable);
  }
  if (!response.ok) throw new ContractCallError(((await response.json()) as { error: ContractError }).error);
  const link = document.createElement('a');
  link.href = URL.createObjectURL(await response.blob());
  link.download = file.name;
  link.click();
  // The browser has taken the file once the click is handled.
  setTimeout(() => URL.revokeObjectURL(link.href), 0);
}

/** Whether files are chosen in the OS dialog (the desktop app) or picked and uploaded (a browser). */
export function hasFileDialog(): boolean {
  return window.outpost !== undefined;
}
