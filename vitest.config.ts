/**
 * Unit and component tests (`npm run test:unit`). End-to-end tests in real Chromium have
 * their own configuration in test/e2e/vitest.config.ts.
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { rendererDefines } from './vite.web.config.ts';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));
const alias = { '@shared': here('./shared') };

export default defineConfig({
  resolve: { alias },
  test: {
    passWithNoTests: false,
    allowOnly: false,
    projects: [
      {
        resolve: { alias },
        define: rendererDefines,
        test: {
          name: 'unit',
          environment: 'node',
          include: ['shared/**/*.test.ts', 'electron/**/*.test.ts', 'renderer/**/*.test.ts', 'test/unit/**/*.test.ts'],
        },
      },
      {
        plugins: [react()],
        resolve: { alias },
        define: rendererDefines,
        test: {
          name: 'component',
          environment: 'jsdom',
          include: ['renderer/**/*.test.tsx'],
          setupFiles: [here('./renderer/test-setup.ts')],
        },
      },
    ],
  },
});
