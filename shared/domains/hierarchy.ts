/**
 * How domains nest: a personal area inside a team, a team inside a domain (framework.md
 * § 1 "Levels of Autonomy" and § 2 "Clear Boundaries"). These functions answer questions
 * about the nesting without trusting it.
 *
 * Why not trust it: each laptop checks a move before writing it, but two people can make
 * two moves at once that are each fine alone (A into B on one laptop, B into A on the
 * other). After the merge the data holds a cycle. A parent can also be in the trash, or
 * unknown (a peer's change that has not arrived yet). So:
 *
 * - Walks up (`ancestorsOf`) and down (`descendantsOf`) remember what they visited and stop
 *   at a repeat or an unknown id; they never loop.
 * - `placeDomains` decides under which parent each live domain is shown. Its parent if that
 *   parent is live; otherwise the root, with the reason. Following each live domain to its
 *   live parent gives a graph in which every node has at most one outgoing edge, so each
 *   cycle is found by walking from every node until the walk reaches a node already seen:
 *   if that node is on the current walk, the part of the walk from it onwards is a cycle.
 *   Cycle members are placed at the root too, which breaks every cycle, so `domainTree`
 *   shows every live domain exactly once: none is ever lost, and each can be fixed.
 * - Forms ask `parentProblem` before writing: it refuses parents that are gone, that would
 *   create a cycle, or whose level cannot hold the domain's level. The levels run from
 *   narrow to broad (individual, team, domain); a domain sits inside a broader level or its
 *   own level, except that personal areas never nest inside each other: one person's work
 *   organisation is not delegated to another person (framework § 1).
 */
import { compareByName } from './order';

/** The levels of autonomy, from narrow to broad. */
export const domainLevels = ['individual', 'team', 'domain'] as const;

/** A level of autonomy. */
export type DomainLevel = (typeof domainLevels)[number];

/** What the hierarchy engines read of a domain; the app's domain entities have more fields. */
export interface HierarchyDomain {
  id: string;
  parentId: string | null;
  level: DomainLevel;
  name: string;
  deletedAt: number | null;
}

/** The levels each level may sit inside. */
export const allowedParentLevels: Readonly<Record<DomainLevel, readonly DomainLevel[]>> = {
  individual: ['team', 'domain'],
  team: ['team', 'domain'],
  domain: ['domain'],
};

/** Why a live domain is shown at the root although it has a parent. */
export type DetachedReason = 'parent-missing' | 'parent-deleted' | 'cycle';

/** Where a live domain is shown: under `parentId` (null: at the root) and, if detached, why. */
export interface DomainPlacement {
  parentId: string | null;
  detached: DetachedReason | null;
}

/** One live domain in the tree, with its sub-domains sorted by name. Roots have depth 0. */
export interface DomainTreeNode<D extends HierarchyDomain = HierarchyDomain> {
  domain: D;
  children: DomainTreeNode<D>[];
  depth: number;
  detached: DetachedReason | null;
}

type DomainLink = Pick<HierarchyDomain, 'id' | 'parentId'>;
type PlaceableDomain = Pick<HierarchyDomain, 'id' | 'parentId' | 'deletedAt'>;

const levelNouns: Record<DomainLevel, { article: string; noun: string }> = {
  individual: { article: 'an', noun: 'individual area' },
  team: { article: 'a', noun: 'team' },
  domain: { article: 'a', noun: 'domain' },
};

function withArticle(level: DomainLevel): string {
  const { article, noun } = levelNouns[level];
  return `${article} ${noun}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function indexById<D extends { id: string }>(domains: readonly D[]): Map<string, D> {
  return new Map(domains.map((domain) => [domain.id, domain]));
}

/**
 * The ids of a domain's ancestors, from its parent up to the root. Only existing domains
 * (live or in the trash) are listed: the walk stops at an unknown parent, and on a cycle
 * just before it would repeat a domain.
 */
export function ancestorsOf(domains: readonly DomainLink[], id: string): string[] {
  const byId = indexById(domains);
  const ancestors: string[] = [];
  const seen = new Set([id]);
  let parentId = byId.get(id)?.parentId ?? null;
  while (parentId !== null && !seen.has(parentId)) {
    const parent = byId.get(parentId);
    if (parent === undefined) break;
    ancestors.push(parentId);
    seen.add(parentId);
    parentId = parent.parentId;
  }
  return ancestors;
}

/**
 * The ids of all domains below a domain (live or in the trash), nearest first
 * (breadth-first). Each is listed once, and never the domain itself, even on a cycle.
 */
export function descendantsOf(domains: readonly DomainLink[], id: string): string[] {
  const children = new Map<string, string[]>();
  for (const domain of domains) {
    if (domain.parentId === null) continue;
    const siblings = children.get(domain.parentId);
    if (siblings) siblings.push(domain.id);
    else children.set(domain.parentId, [domain.id]);
  }
  const descendants: string[] = [];
  const seen = new Set([id]);
  const queue = [id];
  // The loop visits ids appended to `queue` while it runs: that is the breadth-first walk.
  for (const current of queue) {
    for (const child of children.get(current) ?? []) {
      if (seen.has(child)) continue;
      seen.add(child);
      descendants.push(child);
      queue.push(child);
    }
  }
  return descendants;
}

/** Whether putting domain `id` inside `newParentId` would make a cycle: the parent is itself or below it. */
export function wouldCreateCycle(domains: readonly DomainLink[], id: string, newParentId: string | null): boolean {
  if (newParentId === null) return false;
  if (newParentId === id) return true;
  return ancestorsOf(domains, newParentId).includes(id);
}

/**
 * What is wrong with a parent chosen in the domain form, in one sentence, or null when it
 * is fine. `id` is the domain being edited, null for a new one; no parent is always fine.
 */
export function parentProblem(
  domains: readonly HierarchyDomain[],
  id: string | null,
  level: DomainLevel,
  parentId: string | null,
): string | null {
  if (parentId === null) return null;
  const parent = domains.find((domain) => domain.id === parentId);
  if (parent === undefined || parent.deletedAt !== null) return 'The chosen parent domain no longer exists.';
  if (id !== null && wouldCreateCycle(domains, id, parentId)) {
    return 'A domain cannot be inside itself or one of its own sub-domains.';
  }
  const allowed = allowedParentLevels[level];
  if (allowed.includes(parent.level)) return null;
  const inside = parent.level === level ? `another ${levelNouns[level].noun}` : withArticle(parent.level);
  const choices = allowed.map(withArticle).join(' or ');
  return `${capitalise(withArticle(level))} cannot sit inside ${inside}; its parent can be ${choices}.`;
}

/**
 * What is wrong with changing domain `id` to `level`, in one sentence, or null when it is
 * fine: the new level must still be able to hold each of its live sub-domains.
 */
export function levelProblem(domains: readonly HierarchyDomain[], id: string, level: DomainLevel): string | null {
  const misfits = domains
    .filter((domain) => domain.parentId === id && domain.id !== id && domain.deletedAt === null)
    .filter((child) => !allowedParentLevels[child.level].includes(level))
    .sort(compareByName);
  const first = misfits[0];
  if (first === undefined) return null;
  const more = misfits.length > 1 ? ` and ${misfits.length - 1} more sub-domain${misfits.length > 2 ? 's' : ''}` : '';
  return (
    `${capitalise(withArticle(level))} cannot contain ${withArticle(first.level)} ("${first.name}")${more}; ` +
    'move those sub-domains elsewhere first or choose another level.'
  );
}

function placementByParent(domain: PlaceableDomain, byId: ReadonlyMap<string, PlaceableDomain>): DomainPlacement {
  if (domain.parentId === null) return { parentId: null, detached: null };
  const parent = byId.get(domain.parentId);
  if (parent === undefined) return { parentId: null, detached: 'parent-missing' };
  if (parent.deletedAt !== null) return { parentId: null, detached: 'parent-deleted' };
  return { parentId: domain.parentId, detached: null };
}

/**
 * Where each live domain is shown: under its parent when that parent is live and the two
 * are not on a cycle, otherwise at the root with the reason. Domains in the trash are not
 * placed. Runs in time linear in the number of domains.
 */
export function placeDomains(domains: readonly PlaceableDomain[]): Map<string, DomainPlacement> {
  const byId = indexById(domains);
  const placements = new Map<string, DomainPlacement>();
  for (const domain of byId.values()) {
    if (domain.deletedAt === null) placements.set(domain.id, placementByParent(domain, byId));
  }

  // Find the cycles among live parent links: 'walking' marks the current walk, 'done' the rest.
  const state = new Map<string, 'walking' | 'done'>();
  for (const start of placements.keys()) {
    const walk: string[] = [];
    let current: string | null = start;
    while (current !== null && !state.has(current)) {
      state.set(current, 'walking');
      walk.push(current);
      current = placements.get(current)?.parentId ?? null;
    }
    if (current !== null && state.get(current) === 'walking') {
      for (const member of walk.slice(walk.indexOf(current))) {
        placements.set(member, { parentId: null, detached: 'cycle' });
      }
    }
    for (const visited of walk) state.set(visited, 'done');
  }
  return placements;
}

/**
 * The live domains as a forest sorted by name at every level. Each live domain appears
 * exactly once; one whose parent is missing, in the trash or on a cycle is a root, with
 * `detached` saying why.
 */
export function domainTree<D extends HierarchyDomain>(domains: readonly D[]): DomainTreeNode<D>[] {
  const placements = placeDomains(domains);
  const byId = indexById(domains);
  const childrenOf = new Map<string | null, D[]>();
  for (const [id, placement] of placements) {
    const domain = byId.get(id);
    if (domain === undefined) continue;
    const siblings = childrenOf.get(placement.parentId);
    if (siblings) siblings.push(domain);
    else childrenOf.set(placement.parentId, [domain]);
  }
  const build = (parentId: string | null, depth: number): DomainTreeNode<D>[] =>
    (childrenOf.get(parentId) ?? []).sort(compareByName).map((domain) => ({
      domain,
      children: build(domain.id, depth + 1),
      depth,
      detached: placements.get(domain.id)?.detached ?? null,
    }));
  return build(null, 0);
}

/** The tree as a list in reading order (each domain followed by its sub-domains), e.g. for a parent picker. */
export function flattenDomainTree<D extends HierarchyDomain>(tree: readonly DomainTreeNode<D>[]): DomainTreeNode<D>[] {
  return tree.flatMap((node) => [node, ...flattenDomainTree(node.children)]);
}
