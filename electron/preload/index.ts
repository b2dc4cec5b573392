/**
 * Exposes exactly the contract's channels on `window.outpost`, one function each, and nothing
 * else: no ipcRenderer, no Node. Runs sandboxed, so it is bundled into one CommonJS file.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { channelNames } from '../../db/contract/channel-names';

const outpost = Object.fromEntries(
  channelNames.map((channel) => [channel, (input: unknown) => ipcRenderer.invoke(channel, input)]),
);

contextBridge.exposeInMainWorld('outpost', Object.freeze(outpost));
