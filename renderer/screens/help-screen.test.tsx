import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { metricDefinitions } from '@shared/metrics';
import { renderApp } from '../test-support';

/** The framework's sections (framework.md) and the anchor each help topic keeps. */
const sections: [anchor: string, heading: string][] = [
  ['decisions', '1. Decision-making authority'],
  ['boundaries', '2. Clear boundaries'],
  ['support', '3. Support structures'],
  ['alignment', '4. Alignment mechanisms'],
  ['value-stream', '5. Value stream optimisation'],
  ['implementation', '6. Implementation process'],
  ['governance', '7. Governance'],
  ['metrics', '8. Success metrics'],
  ['reviews', '9. Review process'],
  ['guide', 'Implementation guide'],
];

describe('help', { timeout: 20_000 }, () => {
  it('has a heading for each framework section, a table of contents and the anchors other screens link to', async () => {
    renderApp('/help');
    await screen.findByRole('heading', { level: 1, name: 'Help' });
    const contents = screen.getByRole('navigation', { name: 'Contents' });
    for (const [anchor, heading] of sections) {
      const title = screen.getByRole('heading', { level: 2, name: heading });
      const topic = screen.getByRole('region', { name: heading });
      expect(topic).toHaveAttribute('id', `help-${anchor}`);
      expect(topic).toContainElement(title);
      expect(within(contents).getByRole('link', { name: heading })).toHaveAttribute('href', `/help#${anchor}`);
      expect(within(topic).getByRole('heading', { level: 3, name: 'Where it lives in Latitude' })).toBeInTheDocument();
    }
  });

  it('defines every metric exactly as the engine computes it', async () => {
    renderApp('/help');
    const metrics = await screen.findByRole('region', { name: '8. Success metrics' });
    for (const definition of Object.values(metricDefinitions)) {
      expect(within(metrics).getByText(definition.definition)).toBeInTheDocument();
    }
    expect(within(metrics).getByRole('heading', { level: 3, name: 'Every figure' })).toBeInTheDocument();
    expect(within(metrics).getByRole('link', { name: 'Pulse check' })).toHaveAttribute('href', '/metrics/pulse');
  });

  it('explains the framework’s points and links to where they live', async () => {
    renderApp('/help');
    const levels = await screen.findByRole('region', { name: '1. Decision-making authority' });
    for (const group of ['Levels of autonomy', 'Decision thresholds']) {
      expect(within(levels).getByRole('heading', { level: 3, name: group })).toBeInTheDocument();
    }
    expect(within(levels).getByText('Consultative decisions: seek input, then decide yourself.')).toBeInTheDocument();
    expect(within(levels).getByRole('link', { name: 'Decisions' })).toHaveAttribute('href', '/decisions');

    const support = screen.getByRole('region', { name: '3. Support structures' });
    expect(within(support).getByRole('heading', { level: 3, name: 'Safety nets' })).toBeInTheDocument();
    expect(within(support).getByText('Rollback procedures.')).toBeInTheDocument();

    const implementation = screen.getByRole('region', { name: '6. Implementation process' });
    expect(
      within(implementation).getByRole('heading', { level: 3, name: '3. Progressive autonomy' }),
    ).toBeInTheDocument();
    expect(within(implementation).getByRole('link', { name: 'Dashboard' })).toHaveAttribute('href', '/dashboard');

    const boundaries = screen.getByRole('region', { name: '2. Clear boundaries' });
    expect(within(boundaries).getByRole('link', { name: 'Dependency map' })).toHaveAttribute('href', '/domains/map');

    const guide = screen.getByRole('region', { name: 'Implementation guide' });
    for (const phase of ['1. Initial setup', '2. Pilot phase', '3. Scale phase', '4. Optimisation']) {
      expect(within(guide).getByRole('heading', { level: 3, name: phase })).toBeInTheDocument();
    }
  });

  it('opens at the topic a link names and moves focus to it', async () => {
    renderApp('/help#support');
    const heading = await screen.findByRole('heading', { level: 2, name: '3. Support structures' });
    await waitFor(() => expect(heading).toHaveFocus());
  });

  it('keeps every /help# link of the app pointing at a topic', async () => {
    const user = userEvent.setup();
    renderApp('/domains', [
      { id: 'help-ws', name: 'Product', kind: 'team', createdAt: 1, updatedAt: 1, deletedAt: null },
    ]);
    await user.click(await screen.findByRole('link', { name: 'How domains work in the framework' }));
    const heading = await screen.findByRole('heading', { level: 2, name: '2. Clear boundaries' });
    await waitFor(() => expect(heading).toHaveFocus());
    for (const anchor of ['decisions', 'reviews', 'metrics', 'boundaries', 'support', 'alignment']) {
      expect(document.getElementById(`help-${anchor}`)).not.toBeNull();
    }
  });
});
