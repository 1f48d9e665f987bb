/**
 * End-to-end tests: the built browser renderer (dist/web) served on 127.0.0.1 and driven
 * in Debian's Chromium through playwright-core. Run with `npm run test:e2e`.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  resolve: { alias: { '@shared': here('../../shared') } },
  test: {
    name: 'e2e',
    root: here('../..'),
    environment: 'node',
    include: ['test/e2e/**/*.e2e.test.ts'],
    globalSetup: [here('./global-setup.ts')],
    // Two cores: one browser at a time keeps timings steady and the machine responsive.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    allowOnly: false,
    passWithNoTests: false,
  },
});
