/**
 * Issue 8 in Chromium, as two people on two devices meet it: two separate browser
 * profiles (so nothing but WebRTC can carry data between them) and a signalling server on
 * 127.0.0.1 started here. Ada sets the server in Settings → Sync, creates a team workspace
 * with a domain and reads the invite link from Invite…; Ben joins with it and sees her
 * content; edits flow both ways; the Sync panel shows both names on both sides. Then Ben
 * pauses sync on his device, both edit while apart (each sees only their own edit, and the
 * pause survives a reload), Ben resumes, and both end with the same domains and decisions.
 *
 * Runs inside `npm run test:e2e`'s private network namespace: WebRTC sees loopback only.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DecisionPage } from './pages/decision-page';
import {
  domainLink,
  openTeammate,
  shareTeamWorkspace,
  startSignalling,
  type Teammate,
  type TestSignalling,
} from './sync-helpers';

const baseUrl = inject('baseUrl');
let signalling: TestSignalling | undefined;
let ada: Teammate | undefined;
let ben: Teammate | undefined;

beforeAll(async () => {
  signalling = await startSignalling();
  ada = await openTeammate(baseUrl, 'Ada Moreau');
  ben = await openTeammate(baseUrl, 'Ben Okafor');
});
afterAll(async () => {
  await ada?.browser.close();
  await ben?.browser.close();
  await signalling?.stop();
});

/** Waits for the decision log to list `title` (the log is opened first). */
async function waitForDecision(person: Teammate, title: string): Promise<void> {
  await person.app.goto('/decisions');
  await person.app.page.getByRole('list', { name: 'Decision log' }).getByRole('link', { name: title }).waitFor();
}

describe('peer-to-peer sync between two browser profiles', () => {
  it(
    'joins from an invite, syncs both ways with presence, and converges after one worked offline',
    { timeout: 300_000 },
    async () => {
      if (!ada || !ben || !signalling) throw new Error('The set-up did not finish.');
      const adaDecisions = new DecisionPage(ada.app);
      const benDecisions = new DecisionPage(ben.app);

      // Ada shares a team workspace with a domain in it; Ben joins from the invite link.
      const invite = await shareTeamWorkspace(ada, ben, {
        workspace: 'Atlas',
        signallingUrl: signalling.url,
        // The platform-team template sets an autonomous limit of 3,000.
        prepare: (host) => host.app.createDomainFromTemplate('Platform team', 'Platform'),
      });
      expect(invite).toMatch(/^latitude:\/\/join/);
      expect(await ben.app.workspaceSwitcher.textContent()).toContain('Atlas');
      await ben.app.goto('/domains');
      await domainLink(ben.app, 'Platform').waitFor();

      // Both see both names in the Sync panel.
      const adaSees = await ada.sync.waitForPeopleHere(['Ada Moreau', 'Ben Okafor'], 'Ada Moreau');
      expect(adaSees.some((line) => line.startsWith('Ben Okafor — on /'))).toBe(true);
      const benSees = await ben.sync.waitForPeopleHere(['Ada Moreau', 'Ben Okafor'], 'Ben Okafor');
      expect(benSees.some((line) => line.startsWith('Ada Moreau — on /'))).toBe(true);

      // Ada → Ben: a new domain.
      await ada.app.createDomainFromTemplate('Product team', 'Payments');
      await ben.app.goto('/domains');
      await domainLink(ben.app, 'Payments').waitFor();

      // Ben → Ada: a new decision.
      const together = 'Cache build artefacts per branch';
      await benDecisions.record({ title: together, domain: 'Platform', cost: 500, expectTier: 'Autonomous' });
      await waitForDecision(ada, together);

      // Ben pauses sync on his device: he is offline, and Ada is alone.
      await ben.sync.setPaused(true);
      await ben.sync.waitForStatus('Offline (paused)');
      await ada.sync.waitForStatus('Connected, no one else here');
      await ada.sync.waitForPeopleHere(['Ada Moreau'], 'Ada Moreau');

      // Both edit while apart; neither sees the other's edit.
      await ada.app.createDomainFromTemplate('Product team', 'Logistics');
      const apart = 'Pilot the offline checklist';
      await benDecisions.record({ title: apart, domain: 'Platform', cost: 800, expectTier: 'Autonomous' });
      await ben.app.goto('/domains');
      await domainLink(ben.app, 'Payments').waitFor();
      expect(await domainLink(ben.app, 'Logistics').count()).toBe(0);
      await waitForDecision(ada, together);
      expect(await adaDecisions.logTitles()).toEqual([together]);

      // The pause is remembered on Ben's device.
      await ben.app.page.reload();
      await ben.app.heading.waitFor();
      await ben.sync.waitForStatus('Offline (paused)');
      expect(await ben.sync.isPaused()).toBe(true);
      expect(await ben.app.workspaceSwitcher.textContent()).toContain('Atlas');

      // Ben resumes with the same switch: they reconnect and both have both edits.
      await ben.sync.setPaused(false);
      await ben.sync.waitForStatus('Connected with 1 peer');
      await ada.sync.waitForStatus('Connected with 1 peer');
      await ben.app.goto('/domains');
      await domainLink(ben.app, 'Logistics').waitFor();
      await waitForDecision(ada, apart);

      const bothDecisions = [apart, together].sort();
      expect(await adaDecisions.logTitles()).toEqual(bothDecisions);
      await waitForDecision(ben, together);
      await waitForDecision(ben, apart);
      expect(await benDecisions.logTitles()).toEqual(bothDecisions);
      for (const person of [ada, ben]) {
        await person.app.goto('/domains');
        for (const name of ['Platform', 'Payments', 'Logistics']) await domainLink(person.app, name).waitFor();
      }

      // The panel with its pause switch passes axe.
      await ben.sync.openPanel();
      expect(await ben.app.seriousA11yViolations()).toEqual([]);
      await ben.sync.closePanel();
      expect(ada.app.errors).toEqual([]);
      expect(ben.app.errors).toEqual([]);
    },
  );
});
