/**
 * The app shell in Chromium: how big the web build is, how long a cold start takes from
 * navigation to an interactive first screen, and how much JavaScript heap it then uses.
 * No issue sets targets for these yet; they are tracked so later work cannot slip unseen.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { preview } from 'vite';
import { chromiumArgs, chromiumPath } from '../../e2e/browser';
import { median, percentile, round, type Suite } from '../bench';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const RUNS = 15;

function bundleSizes(): { raw: number; gzip: number } {
  const assets = join(root, 'dist/web/assets');
  let raw = 0;
  let gzip = 0;
  for (const file of readdirSync(assets)) {
    if (!/\.(js|css)$/.test(file)) continue;
    const path = join(assets, file);
    raw += statSync(path).size;
    gzip += gzipSync(readFileSync(path)).length;
  }
  return { raw, gzip };
}

export const shellSuite: Suite = {
  name: 'shell',
  async run() {
    const sizes = bundleSizes();
    const server = await preview({
      root,
      configFile: join(root, 'vite.web.config.ts'),
      logLevel: 'silent',
      preview: { host: '127.0.0.1', port: 0 },
    });
    const url = server.resolvedUrls?.local[0];
    if (!url) throw new Error('The preview server did not report its address.');
    const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: chromiumArgs });
    const starts: number[] = [];
    let heap = 0;
    try {
      for (let i = 0; i < RUNS; i += 1) {
        // A fresh context each time: a cold start with an empty cache and empty storage.
        const context = await browser.newContext();
        const page = await context.newPage();
        const started = performance.now();
        await page.goto(`${url}#/dashboard`);
        await page.getByRole('button', { name: 'Create a workspace', exact: true }).waitFor();
        starts.push(performance.now() - started);
        if (i === RUNS - 1) {
          const session = await context.newCDPSession(page);
          await session.send('HeapProfiler.collectGarbage');
          const { usedSize } = await session.send('Runtime.getHeapUsage');
          heap = usedSize;
        }
        await context.close();
      }
    } finally {
      await browser.close();
      await server.close();
    }
    return {
      suite: 'shell',
      figures: [
        { name: 'web bundle (js+css), raw', value: round(sizes.raw / 1024, 1), unit: 'KiB', target: null },
        { name: 'web bundle (js+css), gzip', value: round(sizes.gzip / 1024, 1), unit: 'KiB', target: null },
        {
          name: `cold start to interactive first screen, median of ${RUNS}`,
          value: round(median(starts), 1),
          unit: 'ms',
          target: null,
        },
        {
          name: `cold start to interactive first screen, p95 of ${RUNS}`,
          value: round(percentile(starts, 95), 1),
          unit: 'ms',
          target: null,
        },
        {
          name: 'JS heap used after start (after GC)',
          value: round(heap / (1024 * 1024), 2),
          unit: 'MiB',
          target: null,
        },
      ],
    };
  },
};
