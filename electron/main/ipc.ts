/**
 * The only place that touches ipcMain. Every contract channel is registered here through one
 * function that refuses callers other than the app's own page, validates the input against the
 * contract (in the gateway) and answers with an envelope, never a thrown error.
 */
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { channelNames } from '../../db/contract/channel-names';
import type { Actor, Envelope } from '../../db/contract/envelope';
import type { Gateway } from '../../db/runtime/gateway';
import { errorMessages } from '../../db/contract/errors';
import { isAppUrl } from './security';

export interface SessionHolder {
  /** The signed-in staff member; a default one until sign-in arrives. */
  actor(): Actor;
}

export function isTrustedSender(event: IpcMainInvokeEvent, allowedOrigins: readonly string[]): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  return isAppUrl(frame.url, allowedOrigins);
}

export function registerContract(
  ipcMain: IpcMain,
  gateway: Gateway,
  session: SessionHolder,
  allowedOrigins: readonly string[],
): void {
  for (const channel of channelNames) {
    ipcMain.handle(channel, async (event, input: unknown): Promise<Envelope<unknown>> => {
      if (!isTrustedSender(event, allowedOrigins)) {
        return { ok: false, error: { code: 'forbidden_sender', message: errorMessages.forbidden_sender } };
      }
      return gateway.invoke(channel, input, session.actor());
    });
  }
}

export function unregisterContract(ipcMain: IpcMain): void {
  for (const channel of channelNames) ipcMain.removeHandler(channel);
}
