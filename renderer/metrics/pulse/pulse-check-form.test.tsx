import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { selectLive } from '../../data/document-store';
import { fill } from '../../domains/charter/charter-test-support';
import { renderWorkspace } from '../../decisions/record/decision-test-support';
import { pulseWeeks } from './pulse-check-form';

async function answerAll(
  user: ReturnType<typeof userEvent.setup>,
  form: HTMLElement,
  scores: [string, string, string, string],
) {
  const groups = within(form).getAllByRole('radiogroup');
  for (const [index, score] of scores.entries()) {
    await user.click(within(groups[index] as HTMLElement).getByRole('radio', { name: score }));
  }
}

describe('pulse check', { timeout: 30_000 }, () => {
  it('offers this week and last week, starting on Mondays', () => {
    // Wednesday 25 November 2026.
    const weeks = pulseWeeks(Date.UTC(2026, 10, 25, 12), 'Europe/Berlin');
    expect(weeks.map((week) => week.value)).toEqual(['2026-11-23', '2026-11-16']);
  });

  it('needs every score, then records an anonymous answer that names no one and no client of this person', async () => {
    const user = userEvent.setup();
    const page = await renderWorkspace('/metrics/pulse');
    const form = await screen.findByRole('form', { name: 'Pulse check' });
    await user.click(within(form).getByRole('button', { name: 'Record pulse check' }));
    expect(within(form).getAllByText('Pick 1 to 5.')).toHaveLength(4);
    expect(selectLive(page.session.documentStore.getState(), 'pulseChecks')).toEqual([]);

    const ownClient = page.session.doc.clientID;
    const clock = Y.decodeStateVector(Y.encodeStateVector(page.session.doc)).get(ownClient);
    await answerAll(user, form, ['4', '2', '5', '3']);
    await user.click(within(form).getByRole('button', { name: 'Record pulse check' }));

    expect(await screen.findByText('Your answer was recorded anonymously.')).toBeVisible();
    const [pulse] = selectLive(page.session.documentStore.getState(), 'pulseChecks');
    expect(pulse).toMatchObject({
      satisfaction: 4,
      stress: 2,
      collaboration: 5,
      trust: 3,
      anonymous: true,
      respondentName: '',
      createdBy: 'anonymous',
      domainId: null,
    });
    expect(Y.decodeStateVector(Y.encodeStateVector(page.session.doc)).get(ownClient)).toBe(clock);
    expect(page.session.undo.canUndo()).toBe(false);
    expect(screen.getByText('1 answer for this week so far, in all teams.')).toBeVisible();
    // The form is ready for the next person.
    for (const radio of within(form).getAllByRole('radio')) expect(radio).not.toBeChecked();
  });

  it('records an answer by name when the person chooses to', async () => {
    const user = userEvent.setup();
    const page = await renderWorkspace('/metrics/pulse');
    const form = await screen.findByRole('form', { name: 'Pulse check' });
    await answerAll(user, form, ['3', '3', '3', '3']);
    await user.click(within(form).getByRole('checkbox', { name: /Answer anonymously/ }));
    const name = within(form).getByRole('textbox', { name: /^Your name/ });
    await user.clear(name);
    await user.click(within(form).getByRole('button', { name: 'Record pulse check' }));
    expect(name).toHaveAccessibleDescription('Give your name, or answer anonymously.');
    await fill(user, name, 'Ana');
    await user.click(within(form).getByRole('button', { name: 'Record pulse check' }));
    expect(await screen.findByText('Your answer was recorded with your name.')).toBeVisible();
    expect(selectLive(page.session.documentStore.getState(), 'pulseChecks')).toMatchObject([
      { anonymous: false, respondentName: 'Ana', createdBy: page.session.userId },
    ]);
  });
});
