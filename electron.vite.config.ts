/**
 * One Vite build for the Electron main process, the preload script and the renderer.
 * The preload is CommonJS because Electron's sandboxed preloads cannot be ES modules.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'electron-vite';
import { rendererConfig } from './vite.web.config.ts';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));
const alias = { '@shared': here('./shared') };

export default defineConfig({
  main: {
    resolve: { alias },
    build: {
      outDir: here('./out/main'),
      rollupOptions: { input: { index: here('./electron/main/index.ts') } },
    },
  },
  preload: {
    resolve: { alias },
    build: {
      outDir: here('./out/preload'),
      rollupOptions: {
        input: { index: here('./electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    ...rendererConfig,
    build: {
      outDir: here('./out/renderer'),
      minify: true,
      chunkSizeWarningLimit: 1200,
      rollupOptions: { input: { index: here('./renderer/index.html') } },
    },
  },
});
