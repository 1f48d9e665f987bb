/**
 * Renders the reviews screens for component tests: the whole app on a fresh team workspace,
 * records seeded through the repository, reviews created through the repository or the
 * "New review" dialog.
 */
import { act, screen, within } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import type { Entity } from '@shared/model/entities';
import type { EntityCreateInput, WorkspaceRepository } from '../data/repository';
import { renderWorkspace } from '../decisions/record/decision-test-support';
import { fill } from '../domains/charter/charter-test-support';

/**
 * How long to wait for a screen to load at most: a review's page is loaded when first opened
 * (a lazy route), which takes a while in a busy test run. Not a timing assertion.
 */
export const PAGE_LOAD = 10_000;

/** The app on a fresh workspace at `path`, with the seed written. */
export async function renderReviews(
  path = '/reviews',
  seed: (repository: WorkspaceRepository) => void = () => undefined,
) {
  const rendered = await renderWorkspace(path);
  act(() => seed(rendered.repository));
  /** The review as stored now. */
  const stored = (id: string): Entity<'reviews'> => {
    const review = rendered.repository.get('reviews', id);
    if (!review) throw new Error(`The review ${id} cannot be read.`);
    return review;
  };
  return { ...rendered, stored };
}

/** A review created through the repository. */
export function createReview(
  repository: WorkspaceRepository,
  fields: Partial<EntityCreateInput<'reviews'>> = {},
): Entity<'reviews'> {
  return repository.create('reviews', {
    title: 'Monthly review: November 2026',
    cadence: 'monthly',
    periodStart: '2026-11-01',
    periodEnd: '2026-11-30',
    domainId: null,
    ...fields,
  });
}

/** Runs `write` (repository calls) as the app would see a change arrive, and returns its result. */
export function seed<T>(write: () => T): T {
  let result: { value: T } | null = null;
  act(() => {
    result = { value: write() };
  });
  if (result === null) throw new Error('The seed did not run.');
  return (result as { value: T }).value;
}

/** Opens a review's page and waits for its heading. */
export async function openReview(goTo: (path: string) => Promise<void>, review: Entity<'reviews'>): Promise<void> {
  await goTo(`/reviews/${review.id}`);
  await screen.findByRole('heading', { level: 1, name: review.title }, { timeout: PAGE_LOAD });
}

/** The part of the review page whose heading is `name`. */
export function part(name: string): HTMLElement {
  return screen.getByRole('region', { name });
}

/** Types `name` into "Voting as" (empty: the local user). */
export async function actAs(user: UserEvent, name: string): Promise<void> {
  const field = within(part('Facilitation')).getByRole('combobox', { name: /^Voting as/ });
  await fill(user, field, name);
}

/** Moves the review to the next phase with the Next button. */
export async function next(user: UserEvent): Promise<void> {
  await user.click(within(part('Facilitation')).getByRole('button', { name: /^Next: / }));
}

/** Picks `option` in the Mantine select `field` (in its own list, when several selects are on screen). */
export async function choose(user: UserEvent, field: HTMLElement, option: string): Promise<void> {
  await user.click(field);
  const listbox = document.getElementById(field.getAttribute('aria-controls') ?? '');
  if (listbox === null) throw new Error('The select has no list of options.');
  await user.click(within(listbox).getByRole('option', { name: option, hidden: true }));
}
