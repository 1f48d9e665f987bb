/**
 * What the sync end-to-end tests share: a signalling server (electron/main/signalling) on
 * 127.0.0.1 at a free port, teammates (each a separate Chromium profile, so only WebRTC
 * can carry data between them, never a BroadcastChannel), a team workspace shared from one
 * to the other through Invite and Join, and small content helpers.
 *
 * WebRTC stays on loopback: `npm run test:e2e` runs inside a private network namespace.
 */
import { decodeInvite } from '@shared/invite';
import type { Locator } from 'playwright-core';
import { startSignallingServer } from '../../electron/main/signalling';
import { startBrowser, type BrowserSession } from './browser';
import { AppPage } from './pages/app-page';
import { SyncPage } from './pages/sync-page';

/** A signalling server started for one test file. */
export interface TestSignalling {
  /** `ws://127.0.0.1:<port>` */
  url: string;
  stop(): Promise<void>;
}

/** Starts the project's signalling server on 127.0.0.1 at a free port. */
export async function startSignalling(): Promise<TestSignalling> {
  const server = await startSignallingServer({ host: '127.0.0.1', port: 0, closeGraceMs: 200 });
  return { url: `ws://127.0.0.1:${server.port}`, stop: () => server.stop() };
}

/** One person on their own device: a Chromium profile of their own with the app open. */
export interface Teammate {
  name: string;
  browser: BrowserSession;
  app: AppPage;
  sync: SyncPage;
}

/** Starts a new profile, opens the app and sets Settings → "Your name" to `name`. */
export async function openTeammate(baseUrl: string, name: string): Promise<Teammate> {
  const browser = await startBrowser({ webrtc: true });
  try {
    const app = new AppPage(await browser.newPage(), baseUrl);
    await app.goto('/dashboard');
    const sync = new SyncPage(app);
    await sync.setName(name);
    return { name, browser, app, sync };
  } catch (error) {
    await browser.close();
    throw error;
  }
}

/**
 * `host` sets the signalling server in Settings → Sync, creates the team workspace,
 * runs `prepare` (content made before anyone joins) and reads the invite link from
 * Invite…; `guest` joins with it. Resolves once both say they are connected with one peer.
 * Returns the invite link.
 */
export async function shareTeamWorkspace(
  host: Teammate,
  guest: Teammate,
  options: { workspace: string; signallingUrl: string; prepare?: (host: Teammate) => Promise<void> },
): Promise<string> {
  await host.sync.setSignallingServers([options.signallingUrl]);
  await host.app.createWorkspaceByKeyboard(options.workspace, 'Team');
  await options.prepare?.(host);
  await host.sync.waitForStatus('Connected, no one else here');
  const link = await host.sync.inviteLink(options.workspace);
  const decoded = decodeInvite(link);
  if (!decoded.ok) throw new Error(`The invite link was refused: ${decoded.message}`);
  if (
    decoded.invite.workspaceName !== options.workspace ||
    !decoded.invite.signallingUrls.includes(options.signallingUrl)
  ) {
    throw new Error(
      `The invite does not name the workspace and its server: ${JSON.stringify(decoded.invite.signallingUrls)}`,
    );
  }
  await guest.sync.join(link, options.workspace);
  await host.sync.waitForStatus('Connected with 1 peer');
  await guest.sync.waitForStatus('Connected with 1 peer');
  return link;
}

/** A domain's link in the Domains screen's list (open `/domains` first). */
export function domainLink(app: AppPage, name: string): Locator {
  return app.page.getByRole('region', { name: 'Domains', exact: true }).getByRole('link', { name, exact: true });
}
