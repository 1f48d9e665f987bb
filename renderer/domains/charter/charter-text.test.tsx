import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { createDomain, fill, renderCharter, section } from './charter-test-support';

describe('domain page: written sections', { timeout: 30_000 }, () => {
  it('edits the responsibility section and saves it as one undo step', async () => {
    const user = userEvent.setup();
    const page = await renderCharter((repository) => createDomain(repository, 'Checkout'));
    const responsibility = section('Responsibility');
    expect(within(responsibility).getByText(/Not written yet\. Say what this domain is responsible for/)).toBeVisible();

    await user.click(within(responsibility).getByRole('button', { name: 'Edit responsibility' }));
    const form = within(responsibility).getByRole('form', { name: 'Edit responsibility' });
    const area = within(form).getByRole('textbox', { name: /Area of responsibility/ });
    await waitFor(() => expect(area).toHaveFocus());
    await fill(user, area, 'Payments and receipts');
    await fill(user, within(form).getByRole('textbox', { name: 'Purpose' }), 'Make paying painless.');
    await fill(user, within(form).getByRole('textbox', { name: 'Objectives' }), 'Half the drop-outs');
    await user.click(within(form).getByRole('button', { name: 'Save' }));

    expect(page.stored()).toMatchObject({
      responsibility: 'Payments and receipts',
      purpose: 'Make paying painless.',
      objectives: 'Half the drop-outs',
    });
    expect(within(responsibility).queryByRole('form')).not.toBeInTheDocument();
    expect(within(responsibility).getByText('Payments and receipts')).toBeVisible();
    // Focus goes back to the button that opened the form.
    await waitFor(() =>
      expect(within(responsibility).getByRole('button', { name: 'Edit responsibility' })).toHaveFocus(),
    );

    // All three fields were one intent: one undo takes them all back.
    page.session.undo.undo();
    expect(page.stored()).toMatchObject({ responsibility: '', purpose: '', objectives: '' });
  });

  it('shows the error next to the field and writes nothing when the area of responsibility is empty', async () => {
    const user = userEvent.setup();
    const page = await renderCharter((repository) =>
      createDomain(repository, 'Checkout', { responsibility: 'Payments', purpose: 'Old purpose' }),
    );
    const before = page.stored();
    const responsibility = section('Responsibility');
    await user.click(within(responsibility).getByRole('button', { name: 'Edit responsibility' }));
    const form = within(responsibility).getByRole('form', { name: 'Edit responsibility' });
    const area = within(form).getByRole('textbox', { name: /Area of responsibility/ });
    await user.clear(area);
    await fill(user, within(form).getByRole('textbox', { name: 'Purpose' }), 'New purpose');
    await user.click(within(form).getByRole('button', { name: 'Save' }));

    expect(area).toHaveAttribute('aria-invalid', 'true');
    expect(area).toHaveAccessibleDescription(expect.stringContaining('Say what this domain is responsible for.'));
    expect(page.stored()).toEqual(before);
    // The form stays open with what was typed, so nothing is lost either.
    expect(within(form).getByRole('textbox', { name: 'Purpose' })).toHaveValue('New purpose');
  });

  it('discards the changes on Cancel and on Escape', async () => {
    const user = userEvent.setup();
    const page = await renderCharter((repository) => createDomain(repository, 'Checkout', { objectives: 'Grow' }));
    const responsibility = section('Responsibility');

    await user.click(within(responsibility).getByRole('button', { name: 'Edit responsibility' }));
    await user.type(within(responsibility).getByRole('textbox', { name: 'Objectives' }), ' fast');
    await user.click(within(responsibility).getByRole('button', { name: 'Cancel' }));
    expect(within(responsibility).queryByRole('form')).not.toBeInTheDocument();
    expect(page.stored().objectives).toBe('Grow');
    expect(within(responsibility).getByText('Grow')).toBeVisible();

    await user.click(within(responsibility).getByRole('button', { name: 'Edit responsibility' }));
    const objectives = within(responsibility).getByRole('textbox', { name: 'Objectives' });
    expect(objectives).toHaveValue('Grow');
    await user.type(objectives, ' slowly{Escape}');
    expect(within(responsibility).queryByRole('form')).not.toBeInTheDocument();
    expect(page.stored().objectives).toBe('Grow');
  });

  it('edits the guidelines', async () => {
    const user = userEvent.setup();
    const page = await renderCharter((repository) => createDomain(repository, 'Checkout'));
    const guidelines = section('Guidelines');
    expect(within(guidelines).getByText(/Write the ethical lines/)).toBeVisible();
    await user.click(within(guidelines).getByRole('button', { name: 'Edit guidelines' }));
    const form = within(guidelines).getByRole('form', { name: 'Edit guidelines' });
    await fill(user, within(form).getByRole('textbox', { name: 'Value-creation principles' }), 'Users first');
    await fill(user, within(form).getByRole('textbox', { name: 'Quality standards' }), 'Tested before release');
    await fill(user, within(form).getByRole('textbox', { name: 'Risk parameters' }), 'No data loss');
    await fill(user, within(form).getByRole('textbox', { name: 'Ethical considerations' }), 'No dark patterns');
    await user.click(within(form).getByRole('button', { name: 'Save' }));

    expect(page.stored()).toMatchObject({
      principles: 'Users first',
      qualityStandards: 'Tested before release',
      riskParameters: 'No data loss',
      ethics: 'No dark patterns',
    });
    expect(within(guidelines).getByText('No dark patterns')).toBeVisible();
  });

  it('disables every edit button in a read-only workspace', async () => {
    const page = await renderCharter((repository) => {
      const domain = createDomain(repository, 'Checkout');
      repository.addToCollection('domains', domain.id, 'metrics', {
        name: 'Conversion',
        unit: '%',
        target: 3,
        direction: 'higher',
      });
      return domain;
    });
    page.session.documentStore.setState({ readOnly: 'Saved by a newer version of Latitude.' });
    const names = [
      'Edit basics',
      'Move to trash',
      'Edit responsibility',
      'Add person',
      'Add success metric',
      'Record value for Conversion',
      'Edit metric Conversion',
      'Remove metric Conversion',
      'Edit resource constraints',
      'Edit guidelines',
      'Add interface agreement',
      'Add support resource',
      'Change thresholds',
    ];
    for (const name of names) {
      await waitFor(() => expect(screen.getByRole('button', { name })).toBeDisabled());
    }
  });
});
