/**
 * Sync tests through real WebRTC (`npm run test:sync`). Run only inside a private network
 * namespace (the script does it), so WebRTC sees loopback and nothing else.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  resolve: { alias: { '@shared': here('../../shared') } },
  test: {
    name: 'sync',
    root: here('../..'),
    include: ['test/sync/**/*.test.ts'],
    environment: 'node',
    passWithNoTests: false,
    allowOnly: false,
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 30_000,
  },
});
