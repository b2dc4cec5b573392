/**
 * The architecture's boundaries are lint rules; this proves each rule fires when crossed (and
 * stays quiet for what is allowed), using the project's own ESLint configuration.
 */
import { readdirSync } from 'node:fs';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === 'no-restricted-imports')
    .map((message) => message.message);
}

describe('lint boundaries', () => {
  it.each([
    ["import { ipcRenderer } from 'electron';", 'never sees Electron'],
    ["import Database from 'better-sqlite3-multiple-ciphers';", 'never touches the database'],
    ["import { Kysely } from 'kysely';", 'never builds queries'],
    ["import { readFileSync } from 'node:fs';", 'never sees Node'],
    ["import { perform } from '../../../../db/dispatch/dispatch';", 'only the contract, as @contract'],
    ["import { openDatabase } from '../../../../db/platform/database';", 'only the contract, as @contract'],
    ["import { contract } from '../../../../db/contract';", 'only the contract, as @contract'],
  ])('the renderer may not import: %s', async (code, reason) => {
    const messages = await restrictedImports('renderer/src/features/encounters/Example.tsx', `${code}\nexport {};\n`);
    expect(messages.join('\n')).toContain(reason);
  });

  it('the renderer may import the contract, its error codes and vocabulary, through @contract', async () => {
    const code = [
      "import type { ChannelName } from '@contract';",
      "import { logEncounterInput } from '@contract/field-entries';",
      "import { errorMessages } from '@contract/errors';",
      "import { itemCategories } from '@contract/vocabulary';",
      'export type A = ChannelName; export const b = [logEncounterInput, errorMessages, itemCategories];',
    ].join('\n');
    expect(await restrictedImports('renderer/src/features/encounters/Example.tsx', code)).toEqual([]);
  });

  it.each([
    ["import { app } from 'electron';", 'never imports electron'],
    ["import { useState } from 'react';", 'has no UI'],
    ["import { call } from '../renderer/src/api/client';", 'never imports from the renderer'],
  ])('the core may not import: %s', async (code, reason) => {
    const messages = await restrictedImports('db/example.ts', `${code}\nexport {};\n`);
    expect(messages.join('\n')).toContain(reason);
  });

  it.each([
    [
      'db/catalog/items.ts',
      "import { perform } from '../dispatch/dispatch';",
      'db/catalog may not import from a room above it',
    ],
    [
      'db/contract/fields.ts',
      "import { newId } from '../platform/ids';",
      'db/contract may not import from a room above it',
    ],
    [
      'db/platform/migrations/0009_x.ts',
      "import { readSettings } from '../../settings/settings';",
      'db/platform may not',
    ],
    ['db/audit/audit-log.ts', "import type { Writer } from '../access/operations';", 'db/audit may not import'],
    ['db/dispatch/bulk.ts', "import { openCore } from '../runtime/core';", 'db/dispatch may not import'],
  ])('a core room may not import from a room above it: %s', async (filePath, code, reason) => {
    const messages = await restrictedImports(filePath, `${code}\nexport {};\n`);
    expect(messages.join('\n')).toContain(reason);
  });

  it('a core room may import from its own layer and those below, the contract included', async () => {
    const code = [
      "import { requireItem } from '../catalog/items';",
      "import { readSettings } from '../settings/settings';",
      "import { newId } from '../platform/ids';",
      "import { participantCode } from '../contract/fields';",
      "import { estimatedSyringes } from '../contract/field-entries';",
      'export const used = [requireItem, readSettings, newId, participantCode, estimatedSyringes];',
    ].join('\n');
    expect(await restrictedImports('db/inventory/example.ts', code)).toEqual([]);
    expect(
      await restrictedImports('db/contract/example.ts', "import { isIsoDate } from './calendar';\nexport {};\n"),
    ).toEqual([]);
  });

  it('places every room of the core in a layer, so none escapes the downward-only rule', async () => {
    const rooms = readdirSync('db', { withFileTypes: true }).filter((entry) => entry.isDirectory());
    for (const { name: room } of rooms) {
      // The top room has nothing above it.
      if (room === 'cli') continue;
      const config = (await eslint.calculateConfigForFile(`db/${room}/example.ts`)) as {
        rules: Record<string, unknown>;
      };
      expect(JSON.stringify(config.rules['no-restricted-imports']), room).toContain('imports run downward only');
    }
  });

  it('a room of layer 5 may not import from the dispatch above it', async () => {
    const messages = await restrictedImports(
      'db/collections/example.ts',
      "import { perform } from '../dispatch/dispatch';\nexport {};\n",
    );
    expect(messages.join('\n')).toContain('imports run downward only');
  });

  it('only the IPC wiring touches ipcMain, and only the preload touches ipcRenderer', async () => {
    expect(
      (await restrictedImports('electron/main/window.ts', "import { ipcMain } from 'electron';\nexport {};\n")).join(),
    ).toContain('Only electron/main/ipc.ts');
    expect(
      (await restrictedImports('electron/main/ipc.ts', "import { ipcRenderer } from 'electron';\nexport {};\n")).join(),
    ).toContain('Only the preload');
    expect(
      (
        await restrictedImports('electron/preload/index.ts', "import { ipcMain } from 'electron';\nexport {};\n")
      ).join(),
    ).toContain('Only electron/main/ipc.ts');
    expect(
      await restrictedImports('electron/main/ipc.ts', "import { ipcMain } from 'electron';\nexport {};\n"),
    ).toEqual([]);
    expect(
      await restrictedImports('electron/preload/index.ts', "import { ipcRenderer } from 'electron';\nexport {};\n"),
    ).toEqual([]);
  });
});
