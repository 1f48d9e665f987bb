#!/usr/bin/env node
/**
 * `npm start` and `npm run dev`: open Latitude in Electron, or, where Electron's binary
 * cannot be had, serve the browser build on 127.0.0.1 instead.
 *
 * Electron (>= 42) ships without its binary and downloads it on first use. This script
 * makes sure of that before starting: it runs Electron's own installer, and if the
 * download fails (no internet, a proxy, a blocked host) it says so in one sentence and
 * falls back to the browser build, printing its address. No stack traces.
 *
 *   node build/scripts/launch.mjs          build, then start the app (npm start)
 *   node build/scripts/launch.mjs --dev    start with hot reload (npm run dev)
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(import.meta.url);
const dev = process.argv.includes('--dev');
const bin = (name) => join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);

/** Runs a command in the project folder and resolves with its exit code. */
function run(command, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: root,
      stdio: 'inherit',
      shell: process.platform === 'win32',
      ...options,
    });
    const forward = (signal) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

/**
 * Makes sure Electron's binary is present, downloading it with Electron's own installer
 * when needed. Returns a reason in plain words when it cannot be had.
 */
function ensureElectronBinary() {
  let electronDir;
  try {
    electronDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return 'the electron package is not installed (run npm ci)';
  }
  const installer = join(electronDir, 'install.js');
  if (!existsSync(installer)) return 'the electron package has no installer';
  console.log('Checking for the Electron binary (downloading it the first time)…');
  const result = spawnSync(process.execPath, [installer], { cwd: electronDir, encoding: 'utf8', timeout: 10 * 60_000 });
  if (result.status === 0) return null;
  const output = `${result.stderr ?? ''}${result.stdout ?? ''}`;
  const firstLine = output.split('\n').find((line) => line.trim() !== '' && !line.trimStart().startsWith('at ')) ?? '';
  const reason = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ENETUNREACH|ETIMEDOUT|fetch failed|getaddrinfo/i.test(output)
    ? 'there is no connection to its download server'
    : firstLine.replace(/^Error:\s*/, '').trim() || 'its installer failed';
  return reason;
}

async function startBrowserFallback(reason) {
  console.log(
    `Electron's binary could not be downloaded (${reason}), so Latitude will open as a web app in your browser instead.`,
  );
  const config = join(root, 'vite.web.config.ts');
  if (dev) return run(bin('vite'), ['--config', config, '--host', '127.0.0.1']);
  const built = await run(bin('vite'), ['build', '--config', config, '--logLevel', 'warn']);
  if (built !== 0) return built;
  console.log('Open the address below in your browser (Ctrl+C stops the server):');
  return run(bin('vite'), ['preview', '--config', config, '--host', '127.0.0.1']);
}

async function main() {
  const reason = ensureElectronBinary();
  if (reason) return startBrowserFallback(reason);
  return run(bin('electron-vite'), dev ? ['dev'] : ['preview']);
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`Latitude could not start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
