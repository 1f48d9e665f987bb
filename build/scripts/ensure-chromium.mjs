#!/usr/bin/env node
/**
 * Before the end-to-end tests: makes sure a Chromium is installed. The tests drive the
 * system's Chromium (never a downloaded browser). On Debian or Ubuntu, as root, a missing
 * Chromium is installed with apt-get; anywhere else this prints how to install one.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const candidates = [
  process.env.CHROMIUM_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
];
const found = () => candidates.find((path) => path && existsSync(path));

if (found()) process.exit(0);

const canApt = process.platform === 'linux' && process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
if (!canApt) {
  console.error(
    'The end-to-end tests need Chromium: install it (Debian/Ubuntu: sudo apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium or Chrome executable.',
  );
  process.exit(1);
}

console.log("Chromium is missing; installing Debian's chromium package for the end-to-end tests…");
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
for (const args of [['update'], ['install', '-y', 'chromium']]) {
  const result = spawnSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'], env });
  if (result.status !== 0) {
    console.error(
      `apt-get ${args.join(' ')} failed; install Chromium by hand (apt-get install -y chromium) and run the tests again.`,
    );
    process.exit(1);
  }
}
if (!found()) {
  console.error('Chromium was installed but not found at /usr/bin/chromium; set CHROMIUM_PATH to its executable.');
  process.exit(1);
}
console.log('Chromium installed.');
