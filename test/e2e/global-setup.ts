/**
 * Serves the built renderer (dist/web) on 127.0.0.1 at a free port for the e2e run and
 * hands its address to the tests. Fails with a clear message if the build is missing.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { preview } from 'vite';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

const root = fileURLToPath(new URL('../..', import.meta.url));

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!existsSync(`${root}/dist/web/index.html`)) {
    throw new Error('dist/web is missing: run `npm run build:web` before the e2e tests (npm run test:e2e does it).');
  }
  const server = await preview({
    root,
    configFile: `${root}/vite.web.config.ts`,
    logLevel: 'warn',
    preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('The preview server did not report its address.');
  project.provide('baseUrl', url);
  return async () => {
    await server.close();
  };
}
