/**
 * Renders a domain's page for component tests: the whole app on a fresh workspace, the
 * domains (and anything else) written through the repository, then the page opened.
 */
import { act, screen, waitFor } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import { expect } from 'vitest';
import type { Entity } from '@shared/model/entities';
import type { EntityCreateInput, WorkspaceRepository } from '../../data/repository';
import { renderApp, type RenderedApp } from '../../test-support';
import type { WorkspaceSession } from '../../workspaces/workspace-session';

let workspaceCount = 0;

/** What a charter test gets: the app, its open session and the domain whose page is shown. */
export interface RenderedCharter extends RenderedApp {
  session: WorkspaceSession;
  repository: WorkspaceRepository;
  domain: Entity<'domains'>;
  /** The domain as stored now. */
  stored(): Entity<'domains'>;
  /** Opens another page of the app. */
  goTo(path: string): Promise<void>;
}

/** Waits until the app has opened its workspace. */
export async function openedSession(rendered: RenderedApp): Promise<WorkspaceSession> {
  let session: WorkspaceSession | null = null;
  await waitFor(() => {
    session = rendered.sessionStore.getState().session;
    expect(session).not.toBeNull();
  });
  return session as unknown as WorkspaceSession;
}

/**
 * Opens the page of the domain `seed` returns (written through the repository), on a
 * fresh workspace, and waits for its heading.
 */
export async function renderCharter(
  seed: (repository: WorkspaceRepository) => Entity<'domains'>,
): Promise<RenderedCharter> {
  workspaceCount += 1;
  const rendered = renderApp('/domains', [
    { id: `charter-ws-${workspaceCount}`, name: 'Product', kind: 'team', createdAt: 1, updatedAt: 1, deletedAt: null },
  ]);
  const session = await openedSession(rendered);
  const { repository } = session;
  let seeded: Entity<'domains'> | null = null;
  act(() => {
    seeded = seed(repository);
  });
  const domain = seeded as unknown as Entity<'domains'>;
  const goTo = async (path: string) => {
    await act(() => rendered.router.navigate(path));
  };
  await goTo(`/domains/${domain.id}`);
  await screen.findByRole('heading', { level: 1, name: domain.name });
  const stored = () => {
    const current = repository.get('domains', domain.id);
    if (!current) throw new Error(`The domain ${domain.id} cannot be read.`);
    return current;
  };
  return { ...rendered, session, repository, domain, stored, goTo };
}

/** A new top-level domain with just a name. */
export function createDomain(
  repository: WorkspaceRepository,
  name: string,
  fields: Partial<EntityCreateInput<'domains'>> = {},
): Entity<'domains'> {
  return repository.create('domains', { name, level: 'domain', parentId: null, purpose: '', ...fields });
}

/** The section whose heading is `name`. */
export function section(name: string): HTMLElement {
  return screen.getByRole('region', { name });
}

/** Replaces a field's text the way a person pastes it (typing long text in jsdom is slow). */
export async function fill(user: UserEvent, field: HTMLElement, text: string): Promise<void> {
  await user.clear(field);
  await user.click(field);
  if (text !== '') await user.paste(text);
}
