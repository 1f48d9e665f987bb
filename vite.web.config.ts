/**
 * The browser build of the renderer (`npm run web`, `npm run build:web`, e2e tests).
 * The Electron build in electron.vite.config.ts reuses `rendererConfig` so both builds
 * compile the same renderer the same way.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin, type UserConfig } from 'vite';
import { contentSecurityPolicy } from './shared/security/content-security-policy.ts';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));
const packageJson = JSON.parse(readFileSync(here('./package.json'), 'utf8')) as { version: string };

/** Compile-time constants the renderer reads (declared in renderer/env.d.ts). */
export const rendererDefines = { __APP_VERSION__: JSON.stringify(packageJson.version) };

/**
 * Writes the production Content-Security-Policy into index.html as a meta tag. Only for
 * builds: the dev server needs an inline React refresh preamble the policy forbids.
 */
function cspMetaTag(): Plugin {
  return {
    name: 'latitude-csp-meta',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy({ delivery: 'meta' }) },
        injectTo: 'head-prepend',
      },
    ],
  };
}

export const rendererConfig = {
  root: here('./renderer'),
  // Relative asset URLs work under app://, file-less previews and any sub-path.
  base: './',
  define: rendererDefines,
  plugins: [react(), cspMetaTag()],
  resolve: { alias: { '@shared': here('./shared') } },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
} satisfies UserConfig;

export default defineConfig({
  ...rendererConfig,
  build: {
    outDir: here('./dist/web'),
    emptyOutDir: true,
    sourcemap: true,
    // One bundle is loaded from local disk (or a local server); splitting it would not
    // make the first screen appear sooner.
    chunkSizeWarningLimit: 1200,
  },
});
