import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Vitest runs one file fewer at a time than the machine has cores; on a two-core machine that is
    // one. Each file has its own temporary databases and ports, so every core can take a file.
    maxWorkers: '100%',
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: [
            'tests/db/**/*.test.ts',

            'tests/electron/**/*.test.ts',
            'tests/lint/**/*.test.ts',
            'tests/harness/**/*.test.ts',
          ],
          // Each test file gets its own temporary database files; files run in parallel.
          testTimeout: 30_000,
        },
      },
      {
        plugins: [react()],
        resolve: { alias: { '@contract': resolve(import.meta.dirname, 'db/contract') } },
        test: {
          name: 'renderer',
          environment: 'jsdom',
          include: ['tests/renderer/**/*.test.{ts,tsx}'],
          setupFiles: ['tests/renderer/setup.ts'],
          testTimeout: 30_000,
        },
      },
    ],
  },
});
