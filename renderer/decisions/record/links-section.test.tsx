import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Entity } from '@shared/model/entities';
import type { WorkspaceMeta } from '@shared/workspace/workspace-meta';
import { selectLive } from '../../data/document-store';
import { createWorkspaceRepository } from '../../data/repository';
import { openedSession, section } from '../../domains/charter/charter-test-support';
import { renderApp } from '../../test-support';
import { sharedCopyFields } from '../share';
import { createDecision, pick, renderDecision } from './decision-test-support';
import type * as Y from 'yjs';

describe('decision page: linked decisions', { timeout: 30_000 }, () => {
  it('links a decision, shows the link from both sides, and removes it', async () => {
    const user = userEvent.setup();
    let other: Entity<'decisions'> | null = null;
    const page = await renderDecision((repository) => {
      other = createDecision(repository, 'Hire a second designer');
      return createDecision(repository, 'Redesign onboarding');
    });
    const target = other as unknown as Entity<'decisions'>;
    const links = section('Linked decisions');
    expect(within(links).getByText('No linked decisions.')).toBeVisible();
    await user.click(within(links).getByRole('button', { name: 'Link a decision' }));
    const form = within(links).getByRole('form', { name: 'Link a decision' });
    await user.click(within(form).getByRole('button', { name: 'Link' }));
    expect(within(form).getByRole('combobox', { name: /^Decision/ })).toHaveAccessibleDescription(
      'Pick the decision to link to.',
    );
    await pick(user, within(form).getByRole('combobox', { name: /^Relation/ }), 'Depends on');
    await pick(user, within(form).getByRole('combobox', { name: /^Decision/ }), 'Hire a second designer');
    await user.click(within(form).getByRole('button', { name: 'Link' }));
    expect(Object.values(page.stored().links)).toMatchObject([
      { relation: 'depends-on', decisionId: target.id, workspaceId: null, title: 'Hire a second designer' },
    ]);
    expect(within(links).getByRole('link', { name: 'Hire a second designer' })).toBeVisible();

    // The other decision shows where it is needed.
    await page.goTo(`/decisions/${target.id}`);
    await screen.findByRole('heading', { level: 1, name: 'Hire a second designer' });
    const back = section('Linked decisions');
    expect(within(back).getByText(/Needed by/)).toBeVisible();
    expect(within(back).getByRole('link', { name: 'Redesign onboarding' })).toBeVisible();

    await page.goTo(`/decisions/${page.stored().id}`);
    await screen.findByRole('heading', { level: 1, name: 'Redesign onboarding' });
    await user.click(
      within(section('Linked decisions')).getByRole('button', { name: 'Remove the link to Hire a second designer' }),
    );
    expect(page.stored().links).toEqual({});
  });
});

describe('sharing a personal decision into a team workspace', { timeout: 30_000 }, () => {
  const personal: WorkspaceMeta = {
    id: 'mine',
    name: 'Mine',
    kind: 'personal',
    createdAt: 1,
    updatedAt: 1,
    deletedAt: null,
  };
  const team: WorkspaceMeta = {
    id: 'team',
    name: 'Product team',
    kind: 'team',
    createdAt: 2,
    updatedAt: 2,
    deletedAt: null,
  };

  it('copies only that decision, without what points into the personal workspace, linked both ways', async () => {
    const user = userEvent.setup();
    const rendered = renderApp('/decisions', [personal, team]);
    const session = await openedSession(rendered);
    expect(session.workspace.id).toBe('mine');
    // A new personal workspace starts with its simpler default policy.
    expect(selectLive(session.documentStore.getState(), 'policies')).toMatchObject([
      { domainId: null, autonomousCostLimit: 5_000, consultativeCostLimit: 50_000 },
    ]);
    let decision: Entity<'decisions'> | null = null;
    act(() => {
      const domain = session.repository.create('domains', { name: 'Health', level: 'individual', parentId: null });
      createDecision(session.repository, 'A private note');
      decision = createDecision(session.repository, 'Stop working on Fridays', {
        domainId: domain.id,
        context: 'Too tired on Fridays.',
        tags: ['rhythm'],
        cost: 200,
      });
      session.repository.addToCollection('decisions', decision.id, 'advice', {
        authorId: session.userId,
        authorName: 'Sam',
        fromDomainId: domain.id,
        text: 'Try it for a month.',
        createdAt: 5,
      });
    });
    const original = decision as unknown as Entity<'decisions'>;
    await act(() => rendered.router.navigate(`/decisions/${original.id}`));
    await screen.findByRole('heading', { level: 1, name: 'Stop working on Fridays' });

    await user.click(screen.getByRole('button', { name: 'Share to team…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Share to a team workspace' });
    await user.click(within(dialog).getByRole('button', { name: 'Share a copy' }));
    await within(dialog).findByText(
      'A copy of “Stop working on Fridays” is now in Product team, linked back to this one.',
    );

    const copies = await rendered.sessionStore.getState().readDocument(team, (doc: Y.Doc) => {
      const reader = createWorkspaceRepository(doc, { userId: 'reader', now: () => 0, newId: () => 'x' });
      return [...doc.getMap('decisions').keys()].map((id) => reader.get('decisions', id));
    });
    expect(copies).toHaveLength(1);
    const copy = copies[0] as Entity<'decisions'>;
    expect(copy).toMatchObject({
      ...sharedCopyFields(original),
      title: 'Stop working on Fridays',
      domainId: null,
      context: 'Too tired on Fridays.',
      tags: ['rhythm'],
      cost: 200,
    });
    expect(Object.values(copy.advice)).toMatchObject([
      { authorName: 'Sam', fromDomainId: null, text: 'Try it for a month.' },
    ]);
    expect(Object.values(copy.links)).toMatchObject([
      { relation: 'shared-from', decisionId: original.id, workspaceId: 'mine', title: 'Stop working on Fridays' },
    ]);
    await waitFor(() =>
      expect(Object.values(session.repository.get('decisions', original.id)?.links ?? {})).toMatchObject([
        { relation: 'shared-to', decisionId: copy.id, workspaceId: 'team' },
      ]),
    );
    // Nothing else of the personal workspace went along.
    const teamKinds = await rendered.sessionStore.getState().readDocument(team, (doc: Y.Doc) => ({
      domains: doc.getMap('domains').size,
      policies: doc.getMap('policies').size,
    }));
    expect(teamKinds).toEqual({ domains: 0, policies: 0 });

    await user.click(within(dialog).getByRole('button', { name: 'Open the copy in Product team' }));
    await screen.findByRole('heading', { level: 1, name: 'Stop working on Fridays' });
    await waitFor(() => expect(rendered.sessionStore.getState().session?.workspace.id).toBe('team'));
    const links = section('Linked decisions');
    expect(within(links).getByText(/Shared from/)).toBeVisible();
    expect(within(links).getByRole('button', { name: 'Stop working on Fridays' })).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Share to team…' })).toBeNull();
  });
});
