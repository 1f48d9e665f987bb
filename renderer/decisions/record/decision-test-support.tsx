/**
 * Renders a decision's page for component tests: the whole app on a fresh workspace, the
 * domains and decisions written through the repository, then the page opened.
 */
import { act, screen } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import type { Entity } from '@shared/model/entities';
import type { EntityCreateInput, WorkspaceRepository } from '../../data/repository';
import { openedSession } from '../../domains/charter/charter-test-support';
import { renderApp, type RenderedApp } from '../../test-support';
import type { WorkspaceSession } from '../../workspaces/workspace-session';

let workspaceCount = 0;

/** What a decision-page test gets. */
export interface RenderedDecision extends RenderedApp {
  session: WorkspaceSession;
  repository: WorkspaceRepository;
  /** The decision as stored now. */
  stored(): Entity<'decisions'>;
  goTo(path: string): Promise<void>;
}

/** Renders the app on a fresh team workspace and waits for it to open. */
export async function renderWorkspace(path = '/decisions') {
  workspaceCount += 1;
  const rendered = renderApp(path, [
    { id: `decision-ws-${workspaceCount}`, name: 'Product', kind: 'team', createdAt: 1, updatedAt: 1, deletedAt: null },
  ]);
  const session = await openedSession(rendered);
  const goTo = async (to: string) => {
    await act(() => rendered.router.navigate(to));
  };
  return { ...rendered, session, repository: session.repository, goTo };
}

/** Opens the page of the decision `seed` writes, and waits for its heading. */
export async function renderDecision(
  seed: (repository: WorkspaceRepository) => Entity<'decisions'>,
): Promise<RenderedDecision> {
  const rendered = await renderWorkspace();
  let seeded: Entity<'decisions'> | null = null;
  act(() => {
    seeded = seed(rendered.repository);
  });
  const decision = seeded as unknown as Entity<'decisions'>;
  await rendered.goTo(`/decisions/${decision.id}`);
  await screen.findByRole('heading', { level: 1, name: decision.title });
  const stored = () => {
    const current = rendered.repository.get('decisions', decision.id);
    if (!current) throw new Error(`The decision ${decision.id} cannot be read.`);
    return current;
  };
  return { ...rendered, stored };
}

/** A new decision with just a title (and whatever else is given). */
export function createDecision(
  repository: WorkspaceRepository,
  title: string,
  fields: Partial<EntityCreateInput<'decisions'>> = {},
): Entity<'decisions'> {
  return repository.create('decisions', { title, domainId: null, status: 'draft', ...fields });
}

/** Picks `option` in the Mantine select `field`. */
export async function pick(user: UserEvent, field: HTMLElement, option: string): Promise<void> {
  await user.click(field);
  await user.click(await screen.findByRole('option', { name: option, hidden: true }));
}
