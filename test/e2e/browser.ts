/**
 * Launches Debian's Chromium through playwright-core (no browser download) with the
 * flags that keep it off the network, in a fresh profile per test file.
 *
 * `startBrowser({ webrtc: true })` also lets two profiles connect over WebRTC on loopback
 * (the sync tests). `npm run test:e2e` runs inside a private network namespace where
 * loopback is the only interface, so no packet can leave the machine.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

const candidates = [
  process.env['CHROMIUM_PATH'],
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
];

/** The Chromium executable to drive, or a clear error saying how to install one. */
export function chromiumPath(): string {
  const found = candidates.find((path): path is string => typeof path === 'string' && path !== '' && existsSync(path));
  if (!found) {
    throw new Error(
      'Chromium was not found. Install it with `apt-get install -y chromium` (Debian) or set CHROMIUM_PATH to a Chromium or Chrome executable.',
    );
  }
  return found;
}

/** Flags that keep the browser quiet and local. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/**
 * Flags for WebRTC between profiles on loopback: in a loopback-only namespace Chromium
 * offers no ICE candidates unless it believes media permission was granted (hence the fake
 * media UI and devices, and `grantMediaPermission`), and it hides local addresses behind
 * mDNS names unless told not to.
 */
export const webrtcArgs = [
  '--allow-loopback-in-peer-connection',
  '--disable-features=WebRtcHideLocalIpsWithMdns',
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
];

/** Runs in every page before its scripts: asks for the (fake) microphone once and lets go of it. */
function grantMediaPermission(): void {
  void navigator.mediaDevices?.getUserMedia({ audio: true }).then(
    (stream) => stream.getTracks().forEach((track) => track.stop()),
    () => undefined,
  );
}

/** A browser profile that lives for one test file; `close()` removes it. */
export interface BrowserSession {
  context: BrowserContext;
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

/** Starts Chromium with a new, empty persistent profile (so IndexedDB survives reloads). */
export async function startBrowser(
  options: {
    colorScheme?: 'light' | 'dark';
    /** Let this profile reach others over WebRTC on loopback (see `webrtcArgs`). */
    webrtc?: boolean;
  } = {},
): Promise<BrowserSession> {
  const profile = await mkdtemp(join(tmpdir(), 'latitude-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    args: options.webrtc === true ? [...chromiumArgs, ...webrtcArgs] : chromiumArgs,
    viewport: { width: 1280, height: 800 },
    colorScheme: options.colorScheme ?? 'light',
    // The app honours reduced motion, so menus and dialogs appear at once: checks run on
    // what a person finally sees, not on a frame of a fade-in.
    reducedMotion: 'reduce',
  });
  if (options.webrtc === true) await context.addInitScript(grantMediaPermission);
  return {
    context,
    newPage: () => context.newPage(),
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
