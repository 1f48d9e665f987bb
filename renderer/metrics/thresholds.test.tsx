import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { defaultThresholds } from '@shared/metrics';
import type { Entity } from '@shared/model/entities';
import { selectLive } from '../data/document-store';
import { fill } from '../domains/charter/charter-test-support';
import { renderWorkspace } from '../decisions/record/decision-test-support';
import { checkMetricThresholds, recordFor, thresholdSettings, thresholdsOption } from './thresholds';

function record(id: string, fields: Partial<Entity<'metricThresholds'>>): Entity<'metricThresholds'> {
  return {
    id,
    createdAt: 1,
    updatedAt: 1,
    createdBy: 'u',
    deletedAt: null,
    metric: 'escalationRate',
    green: 0.05,
    red: 0.2,
    ...fields,
  };
}

describe('the team thresholds', () => {
  it('uses the latest live record per metric (then by id), built-in thresholds elsewhere', () => {
    const records = [
      record('a', { updatedAt: 5, green: 0.05 }),
      record('b', { updatedAt: 5, green: 0.06 }),
      record('c', { updatedAt: 9, deletedAt: 10, green: 0.01 }),
      record('d', { metric: 'userSatisfaction', green: null, red: null }),
    ];
    expect(recordFor(records, 'escalationRate')?.id).toBe('b');
    const settings = thresholdSettings(records);
    expect(settings.find((setting) => setting.metric === 'escalationRate')).toMatchObject({
      source: 'team',
      thresholds: { green: 0.06, red: 0.2 },
    });
    expect(settings.find((setting) => setting.metric === 'decisionVelocity')).toMatchObject({
      source: 'built-in',
      thresholds: defaultThresholds.decisionVelocity,
    });
    expect(thresholdsOption(settings)).toEqual({ escalationRate: { green: 0.06, red: 0.2 }, userSatisfaction: null });
  });

  it('skips a record a merge left unusable, and says why', () => {
    const settings = thresholdSettings([
      record('a', { green: 0.5, red: 0.1 }),
      record('b', { metric: 'trust', red: null }),
    ]);
    expect(settings.find((setting) => setting.metric === 'escalationRate')).toMatchObject({
      source: 'built-in',
      thresholds: defaultThresholds.escalationRate,
      problem: "The team's thresholds are not used: Green (0.5) must not be above red (0.1): lower is better",
    });
    expect(settings.find((setting) => setting.metric === 'trust')?.problem).toBe(
      "The team's thresholds are not used: Set both values, or neither to turn the light off.",
    );
    expect(thresholdsOption(settings)).toEqual({});
    expect(() => checkMetricThresholds('userSatisfaction', 6, 3)).toThrow('Green must be a number from 1 to 5 (got 6)');
  });
});

describe('thresholds screen', { timeout: 30_000 }, () => {
  it('changes a metric in percent, refuses green worse than red, turns a light off and goes back to built-in', async () => {
    const user = userEvent.setup();
    const page = await renderWorkspace('/metrics/thresholds');
    const table = await screen.findByRole('table', { name: 'Autonomy thresholds' });
    const row = within(table).getByRole('row', { name: /Escalation frequency/ });
    expect(row).toHaveTextContent('green at 10%, red at 30%');
    expect(row).toHaveTextContent('Built in');

    await user.click(within(row).getByRole('button', { name: 'Change the thresholds of Escalation frequency' }));
    let form = screen.getByRole('form', { name: 'Thresholds of Escalation frequency' });
    await fill(user, within(form).getByRole('textbox', { name: 'On track (green) at' }), '40');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(within(form).getByRole('alert')).toHaveTextContent(
      'Green (0.4) must not be above red (0.3): lower is better',
    );
    expect(selectLive(page.session.documentStore.getState(), 'metricThresholds')).toEqual([]);
    await fill(user, within(form).getByRole('textbox', { name: 'On track (green) at' }), '5');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(selectLive(page.session.documentStore.getState(), 'metricThresholds')).toMatchObject([
      { metric: 'escalationRate', green: 0.05, red: 0.3 },
    ]);
    const changed = within(screen.getByRole('table', { name: 'Autonomy thresholds' })).getByRole('row', {
      name: /Escalation frequency/,
    });
    expect(changed).toHaveTextContent('green at 5%, red at 30%');
    expect(changed).toHaveTextContent('The team');

    await user.click(within(changed).getByRole('button', { name: 'Change the thresholds of Escalation frequency' }));
    form = screen.getByRole('form', { name: 'Thresholds of Escalation frequency' });
    await user.click(within(form).getByRole('button', { name: 'No light' }));
    expect(
      within(screen.getByRole('table', { name: 'Autonomy thresholds' })).getByRole('row', {
        name: /Escalation frequency/,
      }),
    ).toHaveTextContent('No light');

    await user.click(screen.getByRole('button', { name: 'Use the built-in thresholds of Escalation frequency' }));
    expect(selectLive(page.session.documentStore.getState(), 'metricThresholds')).toEqual([]);
    expect(
      within(screen.getByRole('table', { name: 'Autonomy thresholds' })).getByRole('row', {
        name: /Escalation frequency/,
      }),
    ).toHaveTextContent('green at 10%, red at 30%');
    act(() => {
      page.session.undo.undo();
    });
    expect(selectLive(page.session.documentStore.getState(), 'metricThresholds')).toMatchObject([
      { metric: 'escalationRate', green: null, red: null },
    ]);
  });
});

describe('the dashboard with the team thresholds', { timeout: 30_000 }, () => {
  it('lights a figure by the team thresholds instead of the built-in ones', async () => {
    const page = await renderWorkspace('/metrics');
    const now = Date.now();
    act(() => {
      // Five consultative decisions decided just now: an autonomy share of 0 %, off track by default.
      for (let index = 0; index < 5; index += 1) {
        page.repository.create('decisions', {
          title: `Consultative ${index}`,
          domainId: null,
          status: 'decided',
          cost: 5_000,
          proposedAt: now - 60_000,
          decidedAt: now - 1_000,
        });
      }
    });
    const share = () => screen.getByRole('group', { name: 'Autonomy share' });
    await waitFor(() => expect(within(share()).getByText('Off track')).toBeInTheDocument());
    act(() => {
      page.repository.create('metricThresholds', { metric: 'autonomyShare', green: 0, red: 0 });
    });
    await waitFor(() => expect(within(share()).getByText('On track')).toBeInTheDocument());
  });
});
