/**
 * The decision log (issue "Decisions", deliverables 5 and 8): reviews due, then search,
 * filters, sort and the virtualized list of matching decisions.
 *
 * The filters live in the address's query string (`log-query.ts`), so back, forward and
 * reload keep them. The search text is also held here while it is typed: the list follows
 * each keystroke at once, and the address is replaced (not pushed) as it changes, so typing
 * leaves one history entry; any other change of the address (a link, back, forward)
 * brings that address's text.
 *
 * The search index is built once for the open workspace and then updated with just the
 * decisions that changed (`DecisionLogIndex`); each keystroke runs the shared
 * `filterDecisions` over it, without debounce.
 */
import { Anchor, Button, Card, Group, Stack, Text } from '@mantine/core';
import { Plus, Scale, SearchX } from 'lucide-react';
import { useMemo, useState } from 'react';
import { Link, NavigationType, useLocation, useNavigationType, useSearchParams } from 'react-router';
import type { Entity } from '@shared/model/entities';
import { EmptyState } from '../../components/empty-state';
import { useMoveToTrash } from '../../components/use-move-to-trash';
import { todayIsoDate } from '../../domains/charter/dates';
import { useDocument } from '../../workspaces/session-store';
import { DecisionFormDialog } from '../decision-form-dialog';
import { DecisionLogFilters } from './decision-log-filters';
import { DecisionLogList } from './decision-log-list';
import { DecisionLogIndex, searchLog, type LogSources } from './log-index';
import { readLogFilters, toDecisionQuery, writeLogFilters, type LogFilters } from './log-query';
import { ReviewsDueSection } from './reviews-due-section';
import { reviewsDue } from './reviews-due';

const byName = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** "12 of 340 decisions". */
export function describeCount(shown: number, total: number): string {
  return `${shown.toLocaleString('en')} of ${total.toLocaleString('en')} ${total === 1 ? 'decision' : 'decisions'}`;
}

/** The filters from the address, with the text being typed. */
function useLogFilters(): {
  filters: LogFilters;
  setText: (text: string) => void;
  setFilters: (filters: LogFilters) => void;
} {
  const [params, setParams] = useSearchParams();
  const location = useLocation();
  const navigationType = useNavigationType();
  const fromAddress = useMemo(() => readLogFilters(params), [params]);
  const [text, setTextState] = useState(fromAddress.text);
  const [seenKey, setSeenKey] = useState(location.key);
  if (seenKey !== location.key) {
    // A new entry (a link, back, forward, a filter): its text. Replacements are our own
    // typing, which may already be ahead of the address.
    setSeenKey(location.key);
    if (navigationType !== NavigationType.Replace) setTextState(fromAddress.text);
  }
  const filters = useMemo(() => ({ ...fromAddress, text }), [fromAddress, text]);
  return {
    filters,
    setText: (next) => {
      setTextState(next);
      setParams(writeLogFilters({ ...fromAddress, text: next }), { replace: true });
    },
    setFilters: (next) => {
      setTextState(next.text);
      setParams(writeLogFilters(next));
    },
  };
}

/** The log of the open workspace's decisions. */
export function DecisionLog() {
  const decisions = useDocument((state) => state.entities.decisions);
  const domains = useDocument((state) => state.entities.domains);
  const policies = useDocument((state) => state.entities.policies);
  const readOnly = useDocument((state) => state.readOnly);
  const [logIndex] = useState(() => new DecisionLogIndex());
  const sources = useMemo<LogSources>(() => ({ decisions, domains, policies }), [decisions, domains, policies]);
  const snapshot = useMemo(() => logIndex.sync(sources), [logIndex, sources]);

  const { filters, setText, setFilters } = useLogFilters();
  const query = useMemo(() => toDecisionQuery(filters), [filters]);
  const matches = useMemo(() => searchLog(snapshot, query), [snapshot, query]);
  const total = snapshot.entries.size;

  const liveDomains = useMemo(
    () =>
      [...domains.values()]
        .filter((domain) => domain.deletedAt === null)
        .sort((a, b) => byName.compare(a.name, b.name) || a.id.localeCompare(b.id)),
    [domains],
  );
  const tags = useMemo(() => {
    const all = new Set<string>();
    for (const entry of snapshot.entries.values()) for (const tag of entry.decision.tags) all.add(tag);
    return [...all].sort(byName.compare);
  }, [snapshot]);
  const today = todayIsoDate();
  const due = useMemo(() => reviewsDue(decisions.values(), today), [decisions, today]);

  const [editing, setEditing] = useState<'new' | Entity<'decisions'> | null>(null);
  const trash = useMoveToTrash();

  const clear = () => setFilters({ ...readLogFilters(new URLSearchParams()), sort: filters.sort });
  const newButton = (
    <Button leftSection={<Plus size={16} aria-hidden />} onClick={() => setEditing('new')} disabled={readOnly !== null}>
      New decision
    </Button>
  );

  return (
    <>
      {total === 0 ? (
        <EmptyState icon={Scale} title="No decisions recorded yet" action={newButton}>
          Record decisions here with their domain and cost; Latitude warns before one would take a domain over its
          budget.{' '}
          <Anchor component={Link} to="/help#decisions" underline="always">
            Who decides what in the framework
          </Anchor>
        </EmptyState>
      ) : (
        <Stack gap="md">
          <ReviewsDueSection due={due} today={today} />
          <Card withBorder radius="md" padding={0} component="section" aria-label="Decisions">
            <Stack gap="sm" p="sm">
              <DecisionLogFilters
                filters={filters}
                domains={liveDomains}
                tags={tags}
                onTextChange={setText}
                onChange={setFilters}
                onClear={clear}
              />
              <Group justify="space-between">
                <Text role="status" size="sm" c="dimmed">
                  {describeCount(matches.length, total)}
                </Text>
                {newButton}
              </Group>
            </Stack>
            {matches.length === 0 ? (
              <EmptyState
                icon={SearchX}
                title="No decision matches"
                action={
                  <Button variant="light" onClick={clear}>
                    Clear filters
                  </Button>
                }
              >
                No decision matches this search and these filters.
              </EmptyState>
            ) : (
              <DecisionLogList
                entries={matches}
                domainsById={domains}
                readOnly={readOnly !== null}
                onEdit={setEditing}
                onTrash={(decision) => trash('decisions', decision.id, decision.title)}
              />
            )}
          </Card>
        </Stack>
      )}
      <DecisionFormDialog target={editing} onClose={() => setEditing(null)} />
    </>
  );
}
