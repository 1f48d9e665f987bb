/**
 * The metrics dashboard in Chromium (issue 6): a workspace with decisions, experiments, pulse
 * checks and delivered value over three months (August to October 2026) shows the expected
 * figures for each month, and the "Escalation frequency rising" alert appears in the month
 * escalations rose for the third period in a row, with its link to the place to act.
 *
 * Entering three months of records through the UI would be slow, so the workspace is built
 * here with the app's repository on a Yjs document, saved as a backup file, and imported
 * through the app's "Import backup…" dialog, as a person restoring a backup would.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import * as Y from 'yjs';
import { createWorkspaceRepository } from '../../renderer/data/repository';
import { initialiseDocument } from '../../renderer/data/workspace-document';
import { backupFileOf } from './backup-file';
import { startBrowser, type BrowserSession } from './browser';
import { AppPage } from './pages/app-page';
import { MetricsPage } from './pages/metrics-page';

const baseUrl = inject('baseUrl');
let browser: BrowserSession;

beforeAll(async () => {
  browser = await startBrowser();
});
afterAll(async () => {
  await browser.close();
});

/** The fixed clock of the generated workspace: every record is written at this time. */
const WRITTEN_AT = Date.UTC(2026, 10, 2, 9, 0);

/** Noon UTC of a date: the same local date in any time zone from UTC−11 to UTC+11. */
const noon = (date: string, plusDays = 0) => Date.parse(`${date}T12:00:00Z`) + plusDays * 86_400_000;

/**
 * Each month: five decided records of Platform (four decisions and one experiment), all
 * decided `days` after they were proposed, the first `escalated` of them escalated once; three
 * items delivered with the lead times and satisfaction given; and a pulse round of three.
 */
const months = [
  { month: '2026-08', days: 2, escalated: 1, leadTimes: [10, 8, 6], satisfaction: 4, stress: 2 },
  { month: '2026-09', days: 3, escalated: 2, leadTimes: [6, 4, 2], satisfaction: 5, stress: 3 },
  { month: '2026-10', days: 4, escalated: 3, leadTimes: [12, 12, 3], satisfaction: 3, stress: 4 },
] as const;

/** A backup file of the workspace described by `months`. */
async function generatedBackup(): Promise<Buffer> {
  const doc = new Y.Doc();
  initialiseDocument(doc, 'metrics-e2e');
  let next = 0;
  const repository = createWorkspaceRepository(doc, {
    userId: 'generator',
    now: () => WRITTEN_AT,
    newId: () => `id-${(next += 1)}`,
  });
  const platform = repository.create('domains', { name: 'Platform', level: 'team', parentId: null });
  for (const { month, days, escalated, leadTimes, satisfaction, stress } of months) {
    for (let index = 0; index < 5; index += 1) {
      const experiment = index === 4;
      const decision = repository.create('decisions', {
        title: `${experiment ? 'Experiment' : 'Decision'} ${index + 1} of ${month}`,
        domainId: platform.id,
        kind: experiment ? 'experiment' : 'decision',
        status: 'decided',
        proposedAt: noon(`${month}-05`),
        decidedAt: noon(`${month}-05`, days),
        ...(experiment ? { startOn: `${month}-12`, endOn: `${month}-26` } : {}),
      });
      if (index >= escalated) continue;
      repository.addToCollection('decisions', decision.id, 'escalations', {
        escalatedAt: noon(`${month}-06`),
        escalatedBy: 'generator',
        escalatedByName: 'Generator',
        fromTier: 'autonomous',
        toTier: 'consultative',
        toDomainId: null,
        reason: 'Needs more eyes',
      });
    }
    leadTimes.forEach((leadTime, index) => {
      repository.create('valueEntries', {
        title: `Item ${index + 1} of ${month}`,
        domainId: platform.id,
        startedOn: `${month}-01`,
        deliveredOn: `${month}-${String(1 + leadTime).padStart(2, '0')}`,
        satisfaction,
        defects: 0,
        note: '',
      });
    });
    for (let person = 0; person < 3; person += 1) {
      repository.createAnonymous('pulseChecks', {
        periodStart: `${month}-01`,
        domainId: null,
        satisfaction,
        stress,
        collaboration: 4,
        trust: 4,
        anonymous: true,
        respondentName: '',
      });
    }
  }
  return backupFileOf(doc, { id: 'metrics-e2e', name: 'Measured team' }, WRITTEN_AT);
}

const figureNames = [
  'Decision velocity',
  'Escalation frequency',
  'Share of experiments',
  'Delivery speed',
  'User satisfaction',
  'Team satisfaction',
  'Stress',
] as const;

describe('metrics dashboard', () => {
  it('shows each month’s figures of an imported workspace, and an alert when escalations rise', async () => {
    const app = new AppPage(await browser.newPage(), baseUrl);
    const page = app.page;
    await app.goto('/domains');
    await app.createWorkspaceByKeyboard('Scratch', 'Personal');

    await app.importBackupAsNewWorkspace(
      { name: 'Measured team.latitude', mimeType: 'application/json', buffer: await generatedBackup() },
      'Measured team',
    );
    expect(await app.workspaceSwitcher.textContent()).toBe('WorkspaceMeasured teamSwitch workspace');

    const metrics = new MetricsPage(app);
    await metrics.openMonth('2026-08-15', 'August 2026');
    expect(await metrics.values(figureNames)).toEqual({
      'Decision velocity': '2 days',
      'Escalation frequency': '20%',
      'Share of experiments': '20%',
      'Delivery speed': '8 days',
      'User satisfaction': '4 of 5',
      'Team satisfaction': '4 of 5',
      Stress: '2 of 5',
    });
    expect(await page.getByText('No alerts for this period.').count()).toBe(1);

    await metrics.openMonth('2026-09-15', 'September 2026');
    expect(await metrics.values(figureNames)).toEqual({
      'Decision velocity': '3 days',
      'Escalation frequency': '40%',
      'Share of experiments': '20%',
      'Delivery speed': '4 days',
      'User satisfaction': '5 of 5',
      'Team satisfaction': '5 of 5',
      Stress: '3 of 5',
    });
    // Two rises need three periods: escalations rose once so far.
    expect(await metrics.alert('Escalation frequency rising').count()).toBe(0);

    await metrics.openMonth('2026-10-15', 'October 2026');
    expect(await metrics.values(figureNames)).toEqual({
      'Decision velocity': '4 days',
      'Escalation frequency': '60%',
      'Share of experiments': '20%',
      'Delivery speed': '12 days',
      'User satisfaction': '3 of 5',
      'Team satisfaction': '3 of 5',
      Stress: '4 of 5',
    });
    const rising = metrics.alert('Escalation frequency rising');
    await rising.waitFor();
    expect(await rising.textContent()).toContain(
      'Escalation frequency rose over three periods: 20% in August 2026, 40% in September 2026, 60% in October 2026.',
    );
    expect(await metrics.alert('Stress rising').count()).toBe(1);
    const link = rising.getByRole('link', { name: 'Review the domains’ threshold policies' });
    expect(await link.getAttribute('href')).toBe('#/domains');
    expect(await app.seriousA11yViolations()).toEqual([]);

    await link.click();
    await expect.poll(() => app.route()).toBe('/domains');
    expect(app.errors).toEqual([]);
    await page.close();
  });
});
