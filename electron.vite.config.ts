import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';

const root = __dirname;

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // The native driver stays in node_modules; everything else (kysely, zod...) is bundled.
      externalizeDeps: {
        include: ['better-sqlite3-multiple-ciphers'],
        exclude: ['kysely', 'zod', 'uuidv7', 'gs1-barcode-parser-mod'],
      },
      rollupOptions: {
        input: {
          index: resolve(root, 'electron/main/index.ts'),
          // The core runs in a worker thread started from main: built as its own entry.
          worker: resolve(root, 'db/runtime/worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: { input: { index: resolve(root, 'electron/preload/index.ts') } },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    plugins: [react()],
    // The contract is the one part of db/ the renderer may import.
    resolve: { alias: { '@contract': resolve(root, 'db/contract') } },
    build: {
      outDir: resolve(root, 'out/renderer'),
      minify: true,
      rollupOptions: { input: { index: resolve(root, 'renderer/index.html') } },
    },
  },
});
