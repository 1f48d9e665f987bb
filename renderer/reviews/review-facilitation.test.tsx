import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { voteKey } from '@shared/review';
import { fill } from '../domains/charter/charter-test-support';
import { actAs, choose, createReview, next, openReview, part, renderReviews, seed } from './review-test-support';

const me = 'Someone on this device';

describe('reviews: facilitator mode', { timeout: 30_000 }, () => {
  it('starts the review, checks people in, and moves phases forward and back for every laptop, with a timer', async () => {
    const user = userEvent.setup();
    const page = await renderReviews();
    const review = seed(() => createReview(page.repository));
    await openReview(page.goTo, review);
    await user.click(within(part('Run the review')).getByRole('button', { name: 'Start the review' }));
    expect(page.stored(review.id)).toMatchObject({
      status: 'running',
      phase: 'check-in',
      facilitatorId: 'test-user',
      facilitatorName: me,
    });

    const panel = part('Facilitation');
    expect(within(panel).getByRole('heading', { level: 3, name: 'Check-in' })).toBeVisible();
    await fill(user, within(panel).getByRole('textbox', { name: /^A word from/ }), 'Curious');
    await user.click(within(panel).getByRole('button', { name: 'Check in' }));
    await actAs(user, 'Ben Okafor');
    await fill(user, within(panel).getByRole('textbox', { name: /^A word from Ben Okafor/ }), 'Tired');
    await user.click(within(panel).getByRole('button', { name: 'Check in' }));
    const checkIns = within(panel).getByRole('list', { name: 'Check-ins' });
    expect(
      within(checkIns)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual([`${me}: Curious`, 'Ben Okafor: Tired']);
    expect(Object.keys(page.stored(review.id).checkIns).sort()).toEqual(['name:ben okafor', 'test-user']);

    // Forward and back: the phase is stored on the review, so every laptop follows.
    await next(user);
    expect(page.stored(review.id).phase).toBe('health-pulse');
    expect(within(panel).getByRole('heading', { level: 3, name: 'Health pulse' })).toBeVisible();
    expect(within(panel).getByText('Nobody answered a pulse check in the period.')).toBeVisible();
    await next(user);
    expect(page.stored(review.id).phase).toBe('reflect');
    await user.click(within(panel).getByRole('button', { name: 'Back: Health pulse' }));
    expect(page.stored(review.id).phase).toBe('health-pulse');
    const steps = within(panel).getByRole('list', { name: 'Phases' });
    expect(within(steps).getByText('Health pulse (now)').closest('li')).toHaveAttribute('aria-current', 'step');

    // A peer moves the phase: this laptop follows.
    seed(() => page.repository.update('reviews', review.id, { phase: 'vote' }));
    expect(within(panel).getByRole('heading', { level: 3, name: 'Vote' })).toBeVisible();

    // The phase's time box.
    await fill(user, within(panel).getByRole('textbox', { name: 'Minutes for this phase' }), '5');
    await user.click(within(panel).getByRole('button', { name: 'Start timer' }));
    expect(page.stored(review.id).phaseEndsAt).not.toBeNull();
    expect(await within(panel).findByRole('timer', { name: 'Time left in this phase' })).toHaveTextContent(/left$/);
    await user.click(within(panel).getByRole('button', { name: 'Stop timer' }));
    expect(page.stored(review.id).phaseEndsAt).toBeNull();
    // Moving on ends the phase's timer.
    await user.click(within(panel).getByRole('button', { name: 'Start timer' }));
    await next(user);
    expect(page.stored(review.id)).toMatchObject({ phase: 'discuss', phaseEndsAt: null });
  });

  it("keeps notes by name or anonymous, hides other people's until the reveal, and groups them", async () => {
    const user = userEvent.setup();
    const page = await renderReviews();
    const review = seed(() => createReview(page.repository, { status: 'running', phase: 'reflect' }));
    await openReview(page.goTo, review);
    const panel = part('Facilitation');
    const addNote = async (text: string, anonymous = false) => {
      const form = within(panel).getByRole('form', { name: 'Add a note on Support needs' });
      await fill(user, within(form).getByRole('textbox', { name: /^Your note on Support needs/ }), text);
      if (anonymous) await user.click(within(form).getByRole('checkbox', { name: /^Anonymous/ }));
      await user.click(within(form).getByRole('button', { name: 'Add note' }));
    };
    await addNote('Advice takes a week to arrive');
    await addNote('I do not know whom to ask', true);
    const notes = Object.values(page.stored(review.id).notes);
    expect(
      notes.map(({ text, authorKey, authorName, anonymous, topicId }) => ({
        text,
        authorKey,
        authorName,
        anonymous,
        topicId,
      })),
    ).toEqual([
      {
        text: 'Advice takes a week to arrive',
        authorKey: 'test-user',
        authorName: me,
        anonymous: false,
        topicId: 'support-needs',
      },
    ]);
    // The anonymous note is stored apart, written by a client of its own, with no author and
    // its time rounded down to the day (so it is listed before the day's other notes).
    const apart = [...page.session.documentStore.getState().entities.anonymousReviewNotes.values()];
    expect(apart).toEqual([
      expect.objectContaining({
        reviewId: review.id,
        topicId: 'support-needs',
        text: 'I do not know whom to ask',
        groupId: null,
        createdBy: 'anonymous',
      }),
    ]);
    expect((apart[0]?.createdAt ?? 1) % 86_400_000).toBe(0);
    const supportNotes = () => within(panel).getByRole('list', { name: 'Notes on Support needs' });
    expect(within(supportNotes()).getByText('I do not know whom to ask')).toBeVisible();
    expect(within(supportNotes()).getByText('(anonymous)')).toBeVisible();
    expect(within(supportNotes()).getByText(`— ${me}`)).toBeVisible();

    // Hidden until the reveal: each person sees their own notes only.
    await user.click(within(panel).getByRole('switch', { name: /Hide other people's notes until reveal/ }));
    expect(page.stored(review.id).notesHidden).toBe(true);
    await actAs(user, 'Ben');
    await addNote('Pair new people with a buddy');
    let texts = within(supportNotes())
      .getAllByRole('listitem')
      .map((item) => item.querySelector('p')?.textContent);
    expect(texts).toEqual(['A note by someone else', 'A note by someone else', 'Pair new people with a buddy — Ben']);
    await actAs(user, '');
    texts = within(supportNotes())
      .getAllByRole('listitem')
      .map((item) => item.querySelector('p')?.textContent);
    expect(texts).toEqual([
      'I do not know whom to ask (anonymous)',
      `Advice takes a week to arrive — ${me}`,
      'A note by someone else',
    ]);
    // The report below hides them the same way.
    expect(within(part('Agenda')).getAllByText('A note by someone else').length).toBeGreaterThan(0);
    await user.click(within(panel).getByRole('switch', { name: /Hide other people's notes until reveal/ }));
    expect(within(supportNotes()).getByText('Pair new people with a buddy')).toBeVisible();

    // Group: a group per topic, notes moved into it.
    await next(user);
    expect(page.stored(review.id).phase).toBe('group');
    const form = within(panel).getByRole('form', { name: 'New group on Support needs' });
    await fill(user, within(form).getByRole('textbox', { name: 'New group on Support needs' }), 'Finding help');
    await user.click(within(form).getByRole('button', { name: 'Add group' }));
    const group = Object.values(page.stored(review.id).groups)[0];
    expect(group).toMatchObject({ topicId: 'support-needs', title: 'Finding help' });
    await choose(
      user,
      within(panel).getByRole('combobox', { name: 'Group of the note "I do not know whom to ask"' }),
      'Finding help',
    );
    await choose(
      user,
      within(panel).getByRole('combobox', { name: 'Group of the note "Pair new people with a buddy"' }),
      'Finding help',
    );
    const grouped = Object.values(page.stored(review.id).notes).filter((note) => note.groupId === group?.id);
    expect(grouped.map((note) => note.text)).toEqual(['Pair new people with a buddy']);
    // The anonymous note's group is set where it is stored, apart.
    expect(
      [...page.session.documentStore.getState().entities.anonymousReviewNotes.values()].map(({ text, groupId }) => ({
        text,
        groupId,
      })),
    ).toEqual([{ text: 'I do not know whom to ask', groupId: group?.id }]);
    expect(within(panel).getByText('Group: Finding help (2 notes)')).toBeVisible();
    expect(
      within(within(panel).getByRole('list', { name: 'Notes in the group Finding help' })).getAllByRole('listitem'),
    ).toHaveLength(2);
  });

  it("counts dot votes within each person's budget, two people voting on one laptop, then discusses and records actions", async () => {
    const user = userEvent.setup();
    const page = await renderReviews();
    const review = seed(() => createReview(page.repository, { status: 'running', phase: 'vote', voteBudget: 3 }));
    seed(() => {
      const group = page.repository.addToCollection('reviews', review.id, 'groups', {
        topicId: 'support-needs',
        title: 'Finding help',
        createdAt: 1,
      });
      for (const [text, topicId, groupId] of [
        ['Advice takes a week', 'support-needs', group.id],
        ['Nobody to ask', 'support-needs', group.id],
        ['Too many meetings', 'process-improvements', null],
      ] as const) {
        page.repository.addToCollection('reviews', review.id, 'notes', {
          topicId,
          text,
          authorKey: '',
          authorName: '',
          anonymous: true,
          groupId,
          createdAt: 2,
        });
      }
    });
    await openReview(page.goTo, review);
    const panel = part('Facilitation');
    const stored = page.stored(review.id);
    const groupId = Object.keys(stored.groups)[0] ?? '';
    const meetings = Object.values(stored.notes).find((note) => note.text === 'Too many meetings')?.id ?? '';
    expect(within(panel).getByRole('status')).toHaveTextContent(`${me}: you have 3 votes left of 3.`);
    const addToGroup = () => within(panel).getByRole('button', { name: 'Add a vote to "Finding help"' });
    for (let vote = 0; vote < 3; vote += 1) await user.click(addToGroup());
    expect(within(panel).getByRole('status')).toHaveTextContent(`${me}: you have 0 votes left of 3.`);
    // The budget is used up: no more votes, on this item or another.
    expect(addToGroup()).toBeDisabled();
    expect(within(panel).getByRole('button', { name: 'Add a vote to "Too many meetings"' })).toBeDisabled();
    await user.click(within(panel).getByRole('button', { name: 'Take a vote back from "Finding help"' }));
    await user.click(within(panel).getByRole('button', { name: 'Add a vote to "Too many meetings"' }));
    expect(page.stored(review.id).votes[voteKey('test-user', groupId)]?.count).toBe(2);

    // Ben votes on the same laptop, under his own key and budget.
    await actAs(user, 'Ben');
    expect(within(panel).getByRole('status')).toHaveTextContent('Ben: you have 3 votes left of 3.');
    await user.click(addToGroup());
    await user.click(addToGroup());
    await user.click(within(panel).getByRole('button', { name: 'Add a vote to "Too many meetings"' }));
    expect(page.stored(review.id).votes[voteKey('name:ben', groupId)]).toMatchObject({ personName: 'Ben', count: 2 });
    expect(page.stored(review.id).votes[voteKey('name:ben', meetings)]?.count).toBe(1);
    expect(within(panel).getByText('2 people have voted so far.')).toBeVisible();

    // Discuss: most votes first, both people counted.
    await next(user);
    const ranked = within(panel).getByRole('list', { name: 'Items by votes' });
    const items = within(ranked)
      .getAllByRole('listitem')
      .filter((item) => item.parentElement === ranked);
    expect(items.map((item) => item.querySelector('p')?.textContent)).toEqual([
      'Group: Finding help',
      'Too many meetings',
    ]);
    expect(within(items[0] as HTMLElement).getByText('4 votes')).toBeVisible();
    expect(within(items[0] as HTMLElement).getByText(/2 people/)).toBeVisible();
    const results = within(part('Vote results')).getByRole('list', { name: 'Vote results' });
    expect(
      within(results)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual([
      'Finding help (Support needs): 4 votes from 2 people',
      'Too many meetings (Process improvements): 2 votes from 2 people',
    ]);

    // An action for the top item, then another in the actions phase.
    await user.click(
      within(items[0] as HTMLElement).getByRole('button', { name: 'Record an action for "Finding help"' }),
    );
    let form = within(panel).getByRole('form', { name: 'Record an action' });
    expect(within(form).getByRole('textbox', { name: /^Action/ })).toHaveValue('Finding help');
    await fill(user, within(form).getByRole('textbox', { name: /^Action/ }), 'Publish who advises on what');
    await fill(user, within(form).getByRole('combobox', { name: /^Owner/ }), 'Ben');
    await user.click(within(form).getByRole('button', { name: 'Add action' }));
    await next(user);
    expect(page.stored(review.id).phase).toBe('actions');
    form = within(panel).getByRole('form', { name: 'Record an action' });
    await fill(user, within(form).getByRole('textbox', { name: /^Action/ }), 'Cancel the Wednesday sync');
    await fill(user, within(form).getByLabelText(/^Due/), '2026-12-15');
    await user.click(within(form).getByRole('button', { name: 'Add action' }));
    const actions = [...page.session.documentStore.getState().entities.actions.values()];
    expect(
      actions.map(({ title, ownerName, dueOn, done, reviewId, sourceTopicId }) => ({
        title,
        ownerName,
        dueOn,
        done,
        reviewId,
        sourceTopicId,
      })),
    ).toEqual([
      {
        title: 'Publish who advises on what',
        ownerName: 'Ben',
        dueOn: null,
        done: false,
        reviewId: review.id,
        sourceTopicId: 'support-needs',
      },
      {
        title: 'Cancel the Wednesday sync',
        ownerName: '',
        dueOn: '2026-12-15',
        done: false,
        reviewId: review.id,
        sourceTopicId: '',
      },
    ]);
    const agreed = within(part('Actions agreed')).getByRole('list', { name: 'Actions agreed in this review' });
    expect(within(agreed).getByText('Publish who advises on what')).toBeVisible();
    expect(within(agreed).getByText('Ben')).toBeVisible();

    // The last phase closes the review.
    await user.click(within(panel).getByRole('button', { name: 'Close the review' }));
    expect(page.stored(review.id)).toMatchObject({ status: 'closed' });
    expect(page.stored(review.id).closedAt).not.toBeNull();
    expect(await screen.findByRole('region', { name: 'Summary' })).toBeVisible();
  });
});
