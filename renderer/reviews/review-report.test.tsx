import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { metricsPeriod } from '@shared/metrics';
import { addDays } from '@shared/metrics/calendar';
import { fill } from '../domains/charter/charter-test-support';
import { addNote } from './review-actions';
import { deviceTimeZone } from './review-data';
import { PAGE_LOAD, choose, createReview, openReview, part, renderReviews, seed } from './review-test-support';

const note = (text: string, fields: Record<string, unknown> = {}) => ({
  topicId: 'support-needs' as const,
  text,
  authorKey: 'test-user',
  authorName: 'Ana',
  anonymous: false,
  groupId: null,
  createdAt: 1,
  ...fields,
});

describe('reviews: actions carried, report, templates and learnings', { timeout: 30_000 }, () => {
  it("carries this month's open actions into next month's review, where they are ticked off", async () => {
    const user = userEvent.setup();
    const page = await renderReviews();
    const month = metricsPeriod({ kind: 'month', at: Date.now() }, deviceTimeZone());
    const nextMonthDay = addDays(month.lastDay, 1);
    const thisMonth = seed(() => {
      const review = createReview(page.repository, {
        title: 'This month',
        periodStart: month.firstDay,
        periodEnd: month.lastDay,
        status: 'closed',
        closedAt: 1_800_000_000_000,
      });
      page.repository.create('actions', {
        title: 'Publish who advises on what',
        ownerId: null,
        ownerName: 'Ben',
        dueOn: nextMonthDay,
        done: false,
        reviewId: review.id,
      });
      page.repository.create('actions', {
        title: 'Cancel the Wednesday sync',
        ownerId: null,
        dueOn: null,
        done: true,
        reviewId: review.id,
      });
      return review;
    });
    await page.goTo('/reviews');
    const open = await screen.findByRole('region', { name: 'Open actions' });
    expect(within(open).getByText('Publish who advises on what')).toBeVisible();
    expect(within(open).getByRole('link', { name: 'From This month' })).toHaveAttribute(
      'href',
      `/reviews/${thisMonth.id}`,
    );
    expect(within(open).queryByText('Cancel the Wednesday sync')).toBeNull();
    const history = screen.getByRole('region', { name: 'History' });
    expect(within(history).getByRole('link', { name: 'This month' })).toBeVisible();

    // Next month's review, created in the dialog.
    await user.click(screen.getByRole('button', { name: 'New review' }));
    const dialog = await screen.findByRole('dialog', { name: 'New review' });
    await user.click(within(dialog).getByRole('radio', { name: 'Monthly' }));
    await fill(user, within(dialog).getByLabelText(/^A day in the month/), nextMonthDay);
    await user.click(within(dialog).getByRole('button', { name: 'Create review' }));
    const next = metricsPeriod({ kind: 'month', at: Date.parse(`${nextMonthDay}T12:00:00`) }, deviceTimeZone());
    expect(
      await screen.findByRole('heading', { level: 1, name: `Monthly review: ${next.label}` }, { timeout: PAGE_LOAD }),
    ).toBeVisible();

    const carried = part('Actions from earlier reviews');
    expect(within(carried).getByText('1 of 2 actions from earlier reviews done.')).toBeVisible();
    const box = within(carried).getByRole('checkbox', { name: 'Done: Publish who advises on what' });
    expect(box).not.toBeChecked();
    expect(within(carried).getByText(/^Ben · due/)).toBeVisible();
    await user.click(box);
    const action = [...page.session.documentStore.getState().entities.actions.values()].find(
      (item) => item.title === 'Publish who advises on what',
    );
    expect(action).toMatchObject({ done: true });
    expect(action?.doneAt).not.toBeNull();
    expect(await within(carried).findByText('2 of 2 actions from earlier reviews done.')).toBeVisible();
  });

  it('exports the review as Markdown through the platform, and prints it', async () => {
    const user = userEvent.setup();
    const page = await renderReviews();
    const review = seed(() => {
      const created = createReview(page.repository, { status: 'running', phase: 'actions' });
      page.repository.addToCollection('reviews', created.id, 'notes', note('Advice takes a week'));
      page.repository.addToCollection(
        'reviews',
        created.id,
        'notes',
        note('Nobody to ask', { authorKey: '', authorName: '', anonymous: true }),
      );
      // An anonymous note as the app writes one now: apart, by a client of its own.
      addNote(page.repository, created, { topicId: 'support-needs', text: 'Whom do I ask?', author: null, now: 1 });
      page.repository.create('actions', {
        title: 'Publish who advises on what',
        ownerId: null,
        ownerName: 'Ben',
        dueOn: '2026-12-15',
        done: false,
        reviewId: created.id,
      });
      return created;
    });
    await openReview(page.goTo, review);
    const save = vi.spyOn(page.platform, 'saveFile');
    await user.click(screen.getByRole('button', { name: 'Export Markdown' }));
    expect(save).toHaveBeenCalledOnce();
    const request = save.mock.calls[0]?.[0];
    expect(request?.suggestedName).toBe('monthly-review-november-2026.md');
    expect(request?.filters).toEqual([{ name: 'Markdown', extensions: ['md'] }]);
    const markdown = new TextDecoder().decode(request?.data);
    expect(markdown.startsWith('# Monthly review: November 2026\n')).toBe(true);
    expect(markdown).toContain('- Period: 1 Nov 2026 – 30 Nov 2026');
    expect(markdown).toContain('## 2. Support needs');
    expect(markdown).toContain('- Advice takes a week — Ana');
    expect(markdown).toContain('- Nobody to ask (anonymous)');
    expect(markdown).toContain('- Whom do I ask? (anonymous)');
    expect(markdown).toContain('## Actions\n\n- [ ] Publish who advises on what — Ben, due 15 Dec 2026');

    // A browser saves PDFs through its print dialog only.
    expect(screen.queryByRole('button', { name: 'Save as PDF…' })).toBeNull();
    const print = vi.spyOn(window, 'print').mockImplementation(() => undefined);
    await user.click(screen.getByRole('button', { name: 'Print / save as PDF' }));
    expect(print).toHaveBeenCalledOnce();
    print.mockRestore();
  });

  it('saves the review as a PDF in one step in the desktop app, next to Print', async () => {
    const user = userEvent.setup();
    const page = await renderReviews();
    const savePdf = vi.fn<NonNullable<typeof page.platform.savePdf>>();
    savePdf
      .mockResolvedValueOnce({ status: 'saved', fileName: 'November.pdf' })
      .mockRejectedValueOnce(new Error('There is not enough disk space to save November.pdf'));
    page.platform.savePdf = savePdf;
    const review = seed(() => createReview(page.repository));
    await openReview(page.goTo, review);
    expect(screen.queryByRole('button', { name: 'Print / save as PDF' })).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Save as PDF…' }));
    expect(savePdf).toHaveBeenCalledExactlyOnceWith({
      title: 'Save the review as PDF',
      suggestedName: 'Monthly review - November 2026 (1 Nov 2026 – 30 Nov 2026).pdf',
    });
    expect(await screen.findByText('Monthly review: November 2026 was saved as November.pdf.')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Save as PDF…' }));
    expect(await screen.findByText('The review could not be saved as PDF')).toBeInTheDocument();
    expect(screen.getByText('There is not enough disk space to save November.pdf')).toBeInTheDocument();

    const print = vi.spyOn(window, 'print').mockImplementation(() => undefined);
    await user.click(screen.getByRole('button', { name: 'Print…' }));
    expect(print).toHaveBeenCalledOnce();
    print.mockRestore();
  });

  it('saves edited prompts as a template of the cadence, and offers it for new reviews', async () => {
    const user = userEvent.setup();
    const page = await renderReviews();
    const review = seed(() => createReview(page.repository));
    await openReview(page.goTo, review);
    await user.click(screen.getByRole('button', { name: 'More actions for this review' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Edit prompts…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit prompts: monthly reviews' });
    await fill(user, within(dialog).getByRole('textbox', { name: /^Template name/ }), 'Short monthly');
    await fill(user, within(dialog).getByRole('textbox', { name: 'Title of Support needs' }), 'Help we need');
    await fill(
      user,
      within(dialog).getByRole('textbox', { name: /^Prompts of Support needs/ }),
      'Who is stuck this month?\nWho can unblock them?',
    );
    await user.click(
      within(dialog).getByRole('checkbox', { name: 'Hide Capability gaps in reviews using this template' }),
    );
    await user.click(within(dialog).getByRole('button', { name: 'Save prompts as template' }));

    const templates = [...page.session.documentStore.getState().entities.reviewTemplates.values()];
    expect(templates).toHaveLength(1);
    const template = templates[0];
    expect(template).toMatchObject({ name: 'Short monthly', cadence: 'monthly' });
    expect(template?.topics['support-needs']).toEqual({
      id: 'support-needs',
      title: 'Help we need',
      prompts: ['Who is stuck this month?', 'Who can unblock them?'],
      hidden: false,
    });
    expect(template?.topics['capability-gaps']?.hidden).toBe(true);
    expect(page.stored(review.id).templateId).toBe(template?.id);
    const agenda = part('Agenda');
    expect(
      within(agenda)
        .getAllByRole('heading', { level: 3 })
        .map((heading) => heading.textContent),
    ).toEqual(['1. Autonomy effectiveness', '2. Help we need', '3. Process improvements']);
    expect(within(agenda).getByText('Who is stuck this month?')).toBeVisible();

    // A new monthly review can use it; a weekly one is not offered it.
    await page.goTo('/reviews');
    await user.click(await screen.findByRole('button', { name: 'New review' }));
    const create = await screen.findByRole('dialog', { name: 'New review' });
    await user.click(within(create).getByRole('radio', { name: 'Monthly' }));
    await choose(user, within(create).getByRole('combobox', { name: /^Prompts/ }), 'Short monthly');
    await user.click(within(create).getByRole('button', { name: 'Create review' }));
    await screen.findByRole('heading', { level: 1, name: /^Monthly review: / }, { timeout: PAGE_LOAD });
    const id = page.router.state.location.pathname.split('/')[2] ?? '';
    expect(page.stored(id).templateId).toBe(template?.id);
    expect(within(part('Agenda')).getByText('Who is stuck this month?')).toBeVisible();
    expect(within(part('Agenda')).getByText(/Prompts from the template "Short monthly"/)).toBeVisible();
  });

  it('turns a learning into a draft decision that says which review it came from', async () => {
    const user = userEvent.setup();
    const page = await renderReviews();
    const review = seed(() => {
      const created = createReview(page.repository, { status: 'running', phase: 'reflect' });
      page.repository.addToCollection('reviews', created.id, 'notes', note('Pair every newcomer with a buddy'));
      return created;
    });
    await openReview(page.goTo, review);
    const panel = part('Facilitation');
    await user.click(
      within(panel).getByRole('button', { name: 'Turn into… (the note "Pair every newcomer with a buddy")' }),
    );
    await user.click(await screen.findByRole('menuitem', { name: 'A draft decision' }));
    const decisions = [...page.session.documentStore.getState().entities.decisions.values()];
    expect(decisions).toHaveLength(1);
    expect(decisions[0]).toMatchObject({
      title: 'Pair every newcomer with a buddy',
      status: 'draft',
      tags: ['review'],
    });
    expect(decisions[0]?.context).toContain(
      'From the monthly review "Monthly review: November 2026" (2026-11-01 to 2026-11-30), topic "Support needs":',
    );
    expect(within(panel).getByRole('link', { name: 'Pair every newcomer with a buddy' })).toHaveAttribute(
      'href',
      `/decisions/${decisions[0]?.id}`,
    );

    // The same note in the agenda below.
    await user.click(
      within(part('Agenda')).getByRole('button', { name: 'Turn into… (the note "Pair every newcomer with a buddy")' }),
    );
    await user.click(await screen.findByRole('menuitem', { name: 'A proposal to change the decision limits' }));
    const proposal = [...page.session.documentStore.getState().entities.decisions.values()].find((decision) =>
      decision.title.startsWith('Change the decision limits'),
    );
    expect(proposal).toMatchObject({ category: 'process-improvements', status: 'draft', domainId: null });
  });

  it('turns an anonymous note into a draft experiment that says which review it came from', async () => {
    const user = userEvent.setup();
    const page = await renderReviews();
    const review = seed(() => {
      const created = createReview(page.repository, { status: 'running', phase: 'reflect' });
      addNote(page.repository, created, {
        topicId: 'support-needs',
        text: 'Try office hours for advice',
        author: null,
        now: 1,
      });
      return created;
    });
    await openReview(page.goTo, review);
    const panel = part('Facilitation');
    const notes = within(panel).getByRole('list', { name: 'Notes on Support needs' });
    expect(within(notes).getByText('Try office hours for advice')).toBeVisible();
    expect(within(notes).getByText('(anonymous)')).toBeVisible();
    await user.click(
      within(panel).getByRole('button', { name: 'Turn into… (the note "Try office hours for advice")' }),
    );
    await user.click(await screen.findByRole('menuitem', { name: 'An experiment' }));
    const decisions = [...page.session.documentStore.getState().entities.decisions.values()];
    expect(decisions).toHaveLength(1);
    expect(decisions[0]).toMatchObject({
      title: 'Experiment: Try office hours for advice',
      kind: 'experiment',
      status: 'draft',
      domainId: null,
      tags: ['review', 'experiment'],
    });
    expect(decisions[0]?.context).toContain(
      'From the monthly review "Monthly review: November 2026" (2026-11-01 to 2026-11-30), topic "Support needs":\n\nTry office hours for advice',
    );
    const created = within(panel).getByRole('status');
    expect(within(created).getByText('Draft experiment created')).toBeVisible();
    expect(within(created).getByRole('link', { name: 'Experiment: Try office hours for advice' })).toHaveAttribute(
      'href',
      `/decisions/${decisions[0]?.id}`,
    );
  });

  it('presents the current phase for a projector and follows the facilitator', async () => {
    const page = await renderReviews();
    const review = seed(() => {
      const created = createReview(page.repository, { status: 'running', phase: 'check-in' });
      page.repository.addToCollection('reviews', created.id, 'checkIns', {
        id: 'name:ben',
        name: 'Ben',
        word: 'Rested',
        createdAt: 1,
      });
      page.repository.addToCollection('reviews', created.id, 'notes', note('Advice takes a week'));
      return created;
    });
    await page.goTo(`/reviews/${review.id}/present`);
    expect(await screen.findByRole('heading', { level: 1, name: review.title }, { timeout: PAGE_LOAD })).toBeVisible();
    expect(screen.getByRole('heading', { level: 2, name: 'Check-in' })).toBeVisible();
    expect(within(screen.getByRole('list', { name: 'Check-ins' })).getByText('Rested')).toBeVisible();
    expect(screen.getByRole('link', { name: 'Back to the review' })).toHaveAttribute('href', `/reviews/${review.id}`);
    // No app frame: the projector shows the phase only.
    expect(screen.queryByRole('navigation', { name: 'Main' })).toBeNull();

    seed(() => page.repository.update('reviews', review.id, { phase: 'group', notesHidden: true }));
    expect(await screen.findByRole('heading', { level: 2, name: 'Group' })).toBeVisible();
    expect(screen.getByText('A note by someone else')).toBeVisible();
    expect(screen.queryByText('Advice takes a week')).toBeNull();
    seed(() => page.repository.update('reviews', review.id, { notesHidden: false }));
    expect(screen.getByText('Advice takes a week')).toBeVisible();
  });
});
