/**
 * Issue 8 item 8 in Chromium: a team workspace that syncs through an always-on Yjs relay
 * (the stock `@y/websocket-server`, on 127.0.0.1), with no signalling server at all. Ada
 * names the relay in the Sync panel, makes a domain, and sends an invite that carries the
 * relay; she closes the app. Ben joins later and gets her work from the relay alone, adds
 * his own, and Ada sees it when she opens the app again; while both are open, each sees the
 * other in "Here now".
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { decodeInvite } from '@shared/invite';
import { freePort, startRelay, type TestServer } from '../sync/stock-servers';
import { AppPage } from './pages/app-page';
import { SyncPage } from './pages/sync-page';
import { domainLink, openTeammate, type Teammate } from './sync-helpers';

const baseUrl = inject('baseUrl');
let relay: TestServer | undefined;
let ada: Teammate | undefined;
let ben: Teammate | undefined;

beforeAll(async () => {
  relay = await startRelay(await freePort());
  ada = await openTeammate(baseUrl, 'Ada Moreau');
  ben = await openTeammate(baseUrl, 'Ben Okafor');
});
afterAll(async () => {
  await ada?.browser.close();
  await ben?.browser.close();
  await relay?.stop();
});

describe('sync through an always-on relay', () => {
  it('carries work between two people who are not online at the same time', { timeout: 240_000 }, async () => {
    if (!ada || !ben || !relay) throw new Error('The set-up did not finish.');

    await ada.app.createWorkspaceByKeyboard('Harbour', 'Team');
    await ada.sync.useRelay(relay.url);
    await ada.sync.waitForStatus('Connected, no one else here');
    await ada.app.createDomainFromTemplate('Platform team', 'Platform');
    const link = await ada.sync.inviteLink('Harbour');
    const decoded = decodeInvite(link);
    expect(decoded.ok && decoded.invite).toMatchObject({ relayUrl: relay.url, signallingUrls: [] });

    // The relay panel passes axe.
    await ada.sync.openPanel();
    expect(await ada.app.seriousA11yViolations()).toEqual([]);
    await ada.sync.closePanel();
    // Ada closes the app (her browser profile keeps the workspace).
    await ada.app.page.close();

    // Ben joins afterwards: Ada's domain comes from the relay alone.
    await ben.sync.join(link, 'Harbour');
    await ben.app.goto('/domains');
    await domainLink(ben.app, 'Platform').waitFor();
    await ben.app.createDomainFromTemplate('Product team', 'Payments');

    // Ada opens the app again and catches up without doing anything.
    const adaAgain = new AppPage(await ada.browser.newPage(), baseUrl);
    await adaAgain.goto('/domains');
    await domainLink(adaAgain, 'Payments').waitFor();
    await domainLink(adaAgain, 'Platform').waitFor();

    // Both are open now: each sees the other through the relay's presence.
    await new SyncPage(adaAgain).waitForPeopleHere(['Ada Moreau', 'Ben Okafor'], 'Ada Moreau');
    await ben.sync.waitForPeopleHere(['Ada Moreau', 'Ben Okafor'], 'Ben Okafor');
    expect(adaAgain.errors).toEqual([]);
    expect(ben.app.errors).toEqual([]);
  });
});
