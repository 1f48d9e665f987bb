import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { WorkspaceRepository } from '../../data/repository';
import { fill, section } from '../../domains/charter/charter-test-support';
import { createDecision, pick, renderDecision } from './decision-test-support';

/** A collaborative decision: its effect on other domains is major. */
function collaborative(repository: WorkspaceRepository) {
  return createDecision(repository, 'Move to a four-day week', { crossDomain: 'major' });
}

async function recordPosition(
  user: ReturnType<typeof userEvent.setup>,
  name: string,
  stance: 'Consent' | 'Concern' | 'Objection',
  note: string,
) {
  const positions = section('Deciding together');
  await user.click(within(positions).getByRole('button', { name: 'Record a position' }));
  const form = within(positions).getByRole('form', { name: 'Record a position' });
  await fill(user, within(form).getByRole('combobox', { name: /^Participant/ }), name);
  await user.click(within(form).getByRole('radio', { name: stance }));
  if (note !== '') await fill(user, within(form).getByRole('textbox', { name: /^Note/ }), note);
  await user.click(within(form).getByRole('button', { name: 'Save' }));
}

describe('decision page: deciding together (collaborative workflow)', { timeout: 30_000 }, () => {
  it('blocks deciding while an objection stands, and decides once it is resolved', async () => {
    const user = userEvent.setup();
    const page = await renderDecision(collaborative);
    const positions = section('Deciding together');
    expect(
      within(positions).getByText('No positions yet. Each participant records consent, a concern or an objection.'),
    ).toBeVisible();

    // An objection needs a note.
    await user.click(within(positions).getByRole('button', { name: 'Record a position' }));
    let form = within(positions).getByRole('form', { name: 'Record a position' });
    await fill(user, within(form).getByRole('combobox', { name: /^Participant/ }), 'Ana');
    await user.click(within(form).getByRole('radio', { name: 'Objection' }));
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(within(form).getByRole('textbox', { name: /^Note/ })).toHaveAccessibleDescription(
      'Say what the objection is, so the group can respond to it. Required for a concern or an objection.',
    );
    await fill(user, within(form).getByRole('textbox', { name: /^Note/ }), 'Support cannot cover Fridays.');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    await recordPosition(user, 'Ben', 'Consent', '');

    expect(page.stored().status).toBe('deciding-together');
    expect(within(positions).getByText('Positions: 1 consent · no concern · 1 objection')).toBeVisible();
    expect(within(positions).getByText('An objection stands')).toBeVisible();

    const status = section('Status and dates');
    await user.click(within(status).getByRole('button', { name: 'Edit status' }));
    form = within(status).getByRole('form', { name: 'Change status' });
    await pick(user, within(form).getByRole('combobox', { name: /^Status/ }), 'Decided');
    await fill(user, within(form).getByRole('textbox', { name: /^Rollback plan/ }), 'Back to five days after a month.');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(
      within(form).getByText('An objection stands (Ana): it must be resolved before deciding together.'),
    ).toBeVisible();
    expect(page.stored().status).toBe('deciding-together');
    await user.click(within(form).getByRole('button', { name: 'Cancel' }));

    // Ana changes her position after the proposal is amended.
    await user.click(within(positions).getByRole('button', { name: 'Change the position of Ana' }));
    form = within(positions).getByRole('form', { name: 'Change the position of Ana' });
    await user.click(within(form).getByRole('radio', { name: 'Concern' }));
    await fill(user, within(form).getByRole('textbox', { name: /^Note/ }), 'Fine if support rotates Fridays.');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(within(positions).queryByText('An objection stands')).toBeNull();

    await user.click(within(status).getByRole('button', { name: 'Edit status' }));
    form = within(status).getByRole('form', { name: 'Change status' });
    await pick(user, within(form).getByRole('combobox', { name: /^Status/ }), 'Decided');
    await fill(user, within(form).getByRole('textbox', { name: /^Rollback plan/ }), 'Back to five days after a month.');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(page.stored().status).toBe('decided');
    expect(within(positions).getByText('Decided together with Ana (concern), Ben (consent).')).toBeVisible();
    const stored = Object.values(page.stored().positions).map(({ participantName, stance, note }) => ({
      participantName,
      stance,
      note,
    }));
    expect(stored.sort((a, b) => a.participantName.localeCompare(b.participantName))).toEqual([
      { participantName: 'Ana', stance: 'concern', note: 'Fine if support rotates Fridays.' },
      { participantName: 'Ben', stance: 'consent', note: '' },
    ]);
  });

  it('keeps one position per person: recording again under the same name changes it', async () => {
    const user = userEvent.setup();
    const page = await renderDecision(collaborative);
    await recordPosition(user, 'Ana', 'Concern', 'Too fast.');
    await recordPosition(user, ' ana ', 'Consent', '');
    const stored = Object.values(page.stored().positions);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ participantName: 'ana', stance: 'consent', note: '' });
    const list = within(section('Deciding together')).getByRole('list', { name: /^Positions/ });
    expect(within(list).getAllByRole('listitem')).toHaveLength(1);
    await user.click(within(list).getByRole('button', { name: 'Remove the position of ana' }));
    expect(page.stored().positions).toEqual({});
    expect(
      screen.getByText('No positions yet. Each participant records consent, a concern or an objection.'),
    ).toBeVisible();
  });
});
