/**
 * The decision log's filters as they live in the address's query string, so back, forward
 * and reload keep them: `q` (text), `domain`, `tier`, `status`, `tag` (each repeatable),
 * `kind`, `from`, `to` (YYYY-MM-DD) and `sort`. Values this version does not know are
 * ignored rather than refused: an old bookmark still opens the log.
 */
import { tiers, type Tier } from '@shared/decisions/classify';
import {
  decisionSorts,
  type DecisionKind,
  type DecisionQuery,
  type DecisionSort,
} from '@shared/decisions/decision-log';
import type { Entity } from '@shared/model/entities';

type DecisionStatus = Entity<'decisions'>['status'];

/** The value of the domain filter that stands for decisions without a domain. */
export const NO_DOMAIN = '~none';

/** Every status, in lifecycle order. */
export const decisionStatuses: readonly DecisionStatus[] = [
  'draft',
  'seeking-advice',
  'deciding-together',
  'decided',
  'implemented',
  'reviewed',
  'withdrawn',
  'rolled-back',
  'superseded',
];

/** The log's filters as a person set them. */
export interface LogFilters {
  text: string;
  /** Domain ids, `NO_DOMAIN` for decisions without one. */
  domains: string[];
  tiers: Tier[];
  statuses: DecisionStatus[];
  kind: DecisionKind | null;
  tags: string[];
  /** YYYY-MM-DD or ''. */
  from: string;
  to: string;
  sort: DecisionSort;
}

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

const oneOf = <T extends string>(allowed: readonly T[], value: string | null): value is T =>
  value !== null && (allowed as readonly string[]).includes(value);

const distinct = (values: string[]): string[] => [...new Set(values.filter((value) => value !== ''))];

/** Reads the filters from a query string; unknown values are dropped. */
export function readLogFilters(params: URLSearchParams): LogFilters {
  const kind = params.get('kind');
  const sort = params.get('sort');
  const date = (name: string): string => {
    const value = params.get(name) ?? '';
    return dayStart(value) === null ? '' : value;
  };
  return {
    text: params.get('q') ?? '',
    domains: distinct(params.getAll('domain')),
    tiers: distinct(params.getAll('tier')).filter((tier) => oneOf(tiers, tier)),
    statuses: distinct(params.getAll('status')).filter((status) => oneOf(decisionStatuses, status)),
    kind: oneOf<DecisionKind>(['decision', 'experiment'], kind) ? kind : null,
    tags: distinct(params.getAll('tag')),
    from: date('from'),
    to: date('to'),
    sort: oneOf(decisionSorts, sort) ? sort : 'newest',
  };
}

/** The query string of some filters; defaults are left out, so an unfiltered log has none. */
export function writeLogFilters(filters: LogFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.text !== '') params.set('q', filters.text);
  for (const domain of filters.domains) params.append('domain', domain);
  for (const tier of filters.tiers) params.append('tier', tier);
  for (const status of filters.statuses) params.append('status', status);
  if (filters.kind !== null) params.set('kind', filters.kind);
  for (const tag of filters.tags) params.append('tag', tag);
  if (filters.from !== '') params.set('from', filters.from);
  if (filters.to !== '') params.set('to', filters.to);
  if (filters.sort !== 'newest') params.set('sort', filters.sort);
  return params;
}

/** Whether any filter narrows the log (the sort does not). */
export function isFiltered(filters: LogFilters): boolean {
  return (
    filters.text.trim() !== '' ||
    filters.domains.length > 0 ||
    filters.tiers.length > 0 ||
    filters.statuses.length > 0 ||
    filters.kind !== null ||
    filters.tags.length > 0 ||
    filters.from !== '' ||
    filters.to !== ''
  );
}

/** The start of a calendar day where the person is, in milliseconds; null when it is no date. */
export function dayStart(value: string): number | null {
  const match = isoDate.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(year, month - 1, day);
  return date.getFullYear() === year && date.getMonth() === month - 1 && date.getDate() === day ? date.getTime() : null;
}

/** The last millisecond of a calendar day where the person is; null when it is no date. */
export function dayEnd(value: string): number | null {
  const start = dayStart(value);
  if (start === null) return null;
  const [year, month, day] = value.split('-').map(Number) as [number, number, number];
  return new Date(year, month - 1, day + 1).getTime() - 1;
}

/** The engine's query for some filters. */
export function toDecisionQuery(filters: LogFilters): DecisionQuery {
  return {
    text: filters.text,
    domainIds: filters.domains.map((domain) => (domain === NO_DOMAIN ? null : domain)),
    tiers: filters.tiers,
    statuses: filters.statuses,
    kinds: filters.kind === null ? [] : [filters.kind],
    tags: filters.tags,
    from: dayStart(filters.from),
    to: dayEnd(filters.to),
    sort: filters.sort,
  };
}
