// Lint rules, including the architecture's boundaries: they fail the build when crossed
// (tests/lint/boundaries.test.ts proves each one fires).
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/** The renderer may use the contract (schemas, types, error codes), through the @contract alias, and nothing else of db/. */
const rendererRestrictions = {
  paths: [
    {
      name: 'electron',
      message: 'The renderer never sees Electron: call the contract through renderer/src/api/client.ts.',
    },
    { name: 'better-sqlite3-multiple-ciphers', message: 'The renderer never touches the database.' },
    { name: 'better-sqlite3', message: 'The renderer never touches the database.' },
  ],
  patterns: [
    { group: ['kysely', 'kysely/*'], message: 'The renderer never builds queries: use the contract.' },
    {
      group: ['node:*', 'fs', 'path', 'child_process', 'worker_threads', 'os'],
      message: 'The renderer never sees Node.',
    },
    {
      regex: '(^|/)db(/|$)',
      message:
        'The renderer may import only the contract, as @contract (types, schemas and codes), never core internals.',
    },
  ],
};

/** The core is pure Node + TypeScript: no Electron, no UI. */
const coreRestrictions = {
  paths: [{ name: 'electron', message: 'db/ never imports electron: it runs under plain Node (tests, CLI, worker).' }],
  patterns: [
    {
      group: ['react', 'react-dom', 'react/*', 'react-dom/*', '@mantine/*', 'i18next', 'react-i18next'],
      message: 'db/ has no UI.',
    },
    { regex: '(^|/)(renderer|electron)/', message: 'db/ never imports from the renderer or the Electron shell.' },
  ],
};

/**
 * The core's rooms, top to bottom: a room may import from its own layer and those below it, never
 * from above (docs/architecture.md says what each holds). The contract, at the bottom, imports
 * nothing else of db/ and is all the renderer may see. tests/lint/import-graph.test.ts proves the
 * folders form no circle.
 */
export const coreLayers = [
  ['cli'],
  ['runtime'],
  ['demo'],
  ['dispatch'],
  ['system', 'field-entries', 'collections', 'presets'],
  ['participants', 'inventory'],
  ['catalog', 'staff', 'settings', 'reports'],
  ['access'],
  ['audit'],
  ['platform'],
  ['contract'],
];

function layerRestrictions(index, room) {
  const above = coreLayers.slice(0, index).flat();
  if (above.length === 0) return coreRestrictions;
  return {
    ...coreRestrictions,
    patterns: [
      ...coreRestrictions.patterns,
      {
        regex: `^(\\.\\./)+(${above.join('|')})(/|$)`,
        message: `db/${room} may not import from a room above it (${above.join(', ')}): imports run downward only.`,
      },
    ],
  };
}

const coreLayerConfigs = coreLayers.flatMap((layer, index) =>
  layer.map((room) => ({
    files: [`db/${room}/**/*.ts`],
    rules: { 'no-restricted-imports': ['error', layerRestrictions(index, room)] },
  })),
);

const ipcMainOnlyInWiring = {
  name: 'electron',
  importNames: ['ipcMain'],
  message: 'Only electron/main/ipc.ts registers channels (and index.ts hands it ipcMain).',
};
const ipcRendererOnlyInPreload = {
  name: 'electron',
  importNames: ['ipcRenderer'],
  message: 'Only the preload touches ipcRenderer.',
};

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'node_modules/**',
      '.node/**',
      'test-results/**',
      'playwright-report/**',
      'tests/lint/fixtures/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', rendererRestrictions],
    },
  },
  {
    files: ['db/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', coreRestrictions] },
  },
  ...coreLayerConfigs,
  {
    files: ['electron/**/*.ts', 'harness/**/*.ts', 'scripts/**/*.ts'],
    ignores: ['electron/main/ipc.ts', 'electron/main/index.ts', 'electron/preload/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [ipcMainOnlyInWiring, ipcRendererOnlyInPreload] }] },
  },
  {
    files: ['electron/main/ipc.ts', 'electron/main/index.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [ipcRendererOnlyInPreload] }] },
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [ipcMainOnlyInWiring] }] },
  },
);
