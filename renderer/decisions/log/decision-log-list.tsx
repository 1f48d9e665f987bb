/**
 * The decision log's rows, virtualized: only the rows in view (and a few around them) are
 * in the page, so scrolling stays smooth at 100,000 decisions. Every row has the same
 * height, so no row is measured.
 *
 * Keyboard: the list itself can be focused and scrolled; each row's title is a link to the
 * decision's page. Arrow up and down, Home and End move between the rows' links, scrolling
 * the row into view first (rows out of view are not in the page to be tabbed to).
 */
import { Anchor, Badge, Box, Group, Text } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { FlaskConical } from 'lucide-react';
import { useRef, type KeyboardEvent } from 'react';
import { Link } from 'react-router';
import { formatAmount } from '@shared/domains/format';
import type { Entity } from '@shared/model/entities';
import { decisionStatusLabels } from '../../components/entity-labels';
import { RowMenu } from '../../components/row-menu';
import { OverrideBadge, TierBadge } from '../impact-fields';
import type { LogEntry } from './log-index';

/** Each row's height in pixels. */
export const LOG_ROW_HEIGHT = 84;

const dayFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

export interface DecisionLogListProps {
  entries: readonly LogEntry[];
  domainsById: ReadonlyMap<string, Entity<'domains'>>;
  readOnly: boolean;
  onEdit: (decision: Entity<'decisions'>) => void;
  onTrash: (decision: Entity<'decisions'>) => void;
}

function LogRow({
  entry,
  domain,
  readOnly,
  onEdit,
  onTrash,
}: {
  entry: LogEntry;
  domain: Entity<'domains'> | undefined;
  readOnly: boolean;
  onEdit: () => void;
  onTrash: () => void;
}) {
  const { decision, tier, override } = entry;
  const date =
    decision.decidedAt !== null
      ? `Decided ${dayFormat.format(decision.decidedAt)}`
      : `Proposed ${dayFormat.format(decision.proposedAt ?? decision.createdAt)}`;
  return (
    <Group h="100%" px="md" gap="sm" wrap="nowrap" justify="space-between">
      <Box miw={0} style={{ flex: 1 }}>
        <Group gap={6} wrap="nowrap" miw={0}>
          <Anchor component={Link} to={`/decisions/${decision.id}`} fw={600} truncate="end" data-log-link>
            {decision.title}
          </Anchor>
          <TierBadge tier={tier} size="sm" />
          {override ? <OverrideBadge /> : null}
          {decision.kind === 'experiment' ? (
            <Badge
              variant="light"
              color="cyan"
              leftSection={<FlaskConical size={12} aria-hidden />}
              style={{ flexShrink: 0 }}
            >
              Experiment
            </Badge>
          ) : null}
          <Badge variant="default" style={{ flexShrink: 0 }}>
            {decisionStatusLabels[decision.status]}
          </Badge>
        </Group>
        <Text size="sm" c="dimmed" truncate="end" mt={4}>
          {[
            domain?.name ?? 'No domain',
            decision.cost === null ? 'Not costed' : `Cost ${formatAmount(decision.cost, domain?.budgetUnit ?? '')}`,
            date,
          ].join(' · ')}
        </Text>
        {decision.tags.length > 0 ? (
          <Group gap={4} mt={4} wrap="nowrap" style={{ overflow: 'hidden' }} aria-label="Tags">
            {decision.tags.map((tag) => (
              <Badge key={tag} size="xs" variant="dot" color="gray" style={{ flexShrink: 0 }}>
                {tag}
              </Badge>
            ))}
          </Group>
        ) : null}
      </Box>
      <RowMenu
        label={`Actions for ${decision.title}`}
        editLabel="Edit…"
        onEdit={onEdit}
        onTrash={onTrash}
        disabled={readOnly}
      />
    </Group>
  );
}

/** The virtualized list of the log's matching decisions. */
export function DecisionLogList({ entries, domainsById, readOnly, onEdit, onTrash }: DecisionLogListProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: entries.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => LOG_ROW_HEIGHT,
    overscan: 8,
    getItemKey: (index) => entries[index]?.decision.id ?? index,
  });

  const focusRow = (index: number) => {
    virtualizer.scrollToIndex(index, { align: 'auto' });
    const focus = (attempt: number) => {
      const link = scroller.current?.querySelector<HTMLElement>(`[data-index="${index}"] [data-log-link]`);
      if (link) link.focus();
      else if (attempt < 5) requestAnimationFrame(() => focus(attempt + 1));
    };
    requestAnimationFrame(() => focus(0));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (!['ArrowDown', 'ArrowUp', 'Home', 'End'].includes(event.key) || entries.length === 0) return;
    const row = (event.target as HTMLElement).closest<HTMLElement>('[data-index]');
    // Inside a row, only its title link navigates (the actions menu keeps its own keys).
    if (row !== null && !(event.target as HTMLElement).hasAttribute('data-log-link')) return;
    const current = row === null ? -1 : Number(row.dataset.index);
    const last = entries.length - 1;
    const target =
      event.key === 'Home'
        ? 0
        : event.key === 'End'
          ? last
          : event.key === 'ArrowDown'
            ? Math.min(current + 1, last)
            : Math.max(current - 1, 0);
    event.preventDefault();
    focusRow(target);
  };

  return (
    <div
      ref={scroller}
      role="list"
      aria-label="Decision log"
      tabIndex={0}
      onKeyDown={onKeyDown}
      style={{ height: virtualizer.getTotalSize(), maxHeight: '65vh', overflowY: 'auto', contain: 'strict' }}
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative', width: '100%' }}>
        {virtualizer.getVirtualItems().map((item) => {
          const entry = entries[item.index];
          if (entry === undefined) return null;
          const { decision } = entry;
          return (
            <div
              key={item.key}
              role="listitem"
              aria-setsize={entries.length}
              aria-posinset={item.index + 1}
              data-index={item.index}
              style={{
                position: 'absolute',
                top: 0,
                left: 0,
                width: '100%',
                height: LOG_ROW_HEIGHT,
                transform: `translateY(${item.start}px)`,
                borderTop: item.index === 0 ? undefined : '1px solid var(--mantine-color-default-border)',
              }}
            >
              <LogRow
                entry={entry}
                domain={decision.domainId === null ? undefined : domainsById.get(decision.domainId)}
                readOnly={readOnly}
                onEdit={() => onEdit(decision)}
                onTrash={() => onTrash(decision)}
              />
            </div>
          );
        })}
      </div>
    </div>
  );
}
