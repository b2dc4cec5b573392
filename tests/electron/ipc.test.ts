import { describe, expect, it, vi } from 'vitest';
import { channelNames } from '../../db/contract';
import { createGateway } from '../../db/runtime/gateway';
import { countRows, openFieldCore } from '../support/core';
import { createFakeIpcMain, invokeEvent } from './electron-mock';

vi.mock('electron', async () => (await import('./electron-mock')).createFakeElectron());

const { registerContract, unregisterContract } = await import('../../electron/main/ipc');

const allowed = ['app://outpost'];

async function wired() {
  const field = await openFieldCore();
  const ipcMain = createFakeIpcMain();
  const reachedCore: string[] = [];
  const gateway = createGateway({
    call: async (channel, input, actor) => {
      reachedCore.push(channel);
      return field.core.dispatch(channel, input, actor);
    },
  });
  registerContract(ipcMain as never, gateway, { actor: () => field.actor }, allowed);
  const invoke = (channel: string, event: unknown, input: unknown) => ipcMain.handlers.get(channel)!(event, input);
  return { ...field, ipcMain, invoke, reachedCore };
}

describe('IPC wiring', () => {
  it('registers every contract channel exactly once, and nothing else', async () => {
    const { ipcMain } = await wired();
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...channelNames].sort());
    expect(ipcMain.handle).toHaveBeenCalledTimes(channelNames.length);
  });

  it('answers the app page with the core result, acting as the session staff member', async () => {
    const { invoke } = await wired();
    expect(await invoke('session.current', invokeEvent('app://outpost/index.html'), {})).toMatchObject({
      ok: true,
      data: { displayName: 'Default staff member' },
    });
  });

  it.each([
    ['another origin', invokeEvent('https://example.com/')],
    ['a file URL', invokeEvent('file:///etc/passwd')],
    ['an embedded frame of the app', invokeEvent('app://outpost/index.html', { topLevel: false })],
    ['a sender without a frame', { senderFrame: null }],
  ])('refuses %s before validating or reaching the core', async (_label, event) => {
    const { invoke, reachedCore } = await wired();
    expect(await invoke('sites.list', event, {})).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    expect(reachedCore).toEqual([]);
  });

  it('validates input and writes nothing when it is bad', async () => {
    const { core, invoke, site, items } = await wired();
    const auditRows = countRows(core, 'audit_log');
    const envelope = await invoke('encounters.log', invokeEvent('app://outpost/index.html'), {
      siteId: site.id,
      occurredAt: new Date().toISOString(),
      lines: [{ itemId: items[0]!.id, quantity: 0 }],
    });
    expect(envelope).toMatchObject({ ok: false, error: { code: 'quantity_positive', field: 'lines.0.quantity' } });
    expect(countRows(core, 'field_entries')).toBe(0);
    expect(countRows(core, 'audit_log')).toBe(auditRows);
  });

  it('removes every handler on shutdown', async () => {
    const { ipcMain } = await wired();
    unregisterContract(ipcMain as never);
    expect(ipcMain.handlers.size).toBe(0);
  });
});
