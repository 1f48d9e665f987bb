/**
 * The lists a review's topics show (shared/review/lists.ts), each item linking to its record:
 * decisions to `/decisions/<id>`, domains to `/domains/<id>`, delivered items to the delivered
 * value page. The words are those of the Markdown report (shared/review/markdown.ts).
 */
import { Anchor, List, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { formatNumber } from '@shared/domains/format';
import {
  countOf,
  formatDate,
  formatDays,
  formatInstant,
  formatMetricValue,
  formatPercent,
  formatReviewAmount,
  lightInWords,
  trendInWords,
  type ReviewDecisionRef,
  type ReviewList,
  type SuccessMetricItem,
} from '@shared/review';
import { tierLabels } from '../decisions/classification';

/** A decision's title linking to its page, and its domain. */
function Ref({ item }: { item: ReviewDecisionRef }) {
  return (
    <>
      <Anchor component={Link} to={`/decisions/${item.decisionId}`} inherit underline="always">
        {item.title}
      </Anchor>{' '}
      <Text span c="dimmed" size="sm">
        — {item.domainName}
      </Text>
    </>
  );
}

/** A domain's name, linking to its page when it is a domain. */
function DomainName({ id, name }: { id: string | null; name: string }) {
  return id === null ? (
    <>{name}</>
  ) : (
    <Anchor component={Link} to={`/domains/${id}`} inherit underline="always">
      {name}
    </Anchor>
  );
}

function Items<T>({
  items,
  render,
  empty = 'None.',
}: {
  items: readonly T[];
  render: (item: T) => ReactNode;
  empty?: string;
}) {
  if (items.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {empty}
      </Text>
    );
  }
  return (
    <List size="sm" spacing={4}>
      {items.map((item, index) => (
        <List.Item key={index}>{render(item)}</List.Item>
      ))}
    </List>
  );
}

function successMetricText(metric: SuccessMetricItem): string {
  const amount = (value: number): string =>
    metric.unit.trim() === '' ? formatNumber(value) : `${formatNumber(value)} ${metric.unit}`;
  if (metric.latest === null || metric.latestOn === null) return 'no value in the period';
  const latest = `latest ${amount(metric.latest)} on ${formatDate(metric.latestOn)}`;
  if (metric.target === null) return `${latest}, no target`;
  return `${latest}, target ${amount(metric.target)} (${metric.direction} is better): ${metric.onTarget === true ? 'on target' : 'off target'}`;
}

function SuccessMetric({ metric }: { metric: SuccessMetricItem }) {
  return (
    <>
      {metric.name} (<DomainName id={metric.domainId} name={metric.domainName} />
      ): {successMetricText(metric)}
    </>
  );
}

function ListBody({ list, timeZone }: { list: ReviewList; timeZone: string }) {
  const date = (at: number): string => formatInstant(at, timeZone);
  switch (list.kind) {
    case 'decisionsByTier':
      return (
        <Stack gap={4}>
          <Text size="sm">Decided in the period: {formatNumber(list.total)}.</Text>
          <List size="sm" spacing={4}>
            {list.groups.map((group) => (
              <List.Item key={group.tier}>
                {tierLabels[group.tier]}: {formatNumber(group.count)} (
                {countOf(group.overrides, 'override', 'overrides')}, {formatNumber(group.escalated)} escalated,{' '}
                {countOf(group.experiments, 'experiment', 'experiments')})
                {group.decisions.length > 0 ? (
                  <List size="sm" withPadding spacing={2}>
                    {group.decisions.map((decision) => (
                      <List.Item key={decision.decisionId}>
                        <Ref item={decision} />, decided {date(decision.decidedAt)}
                        {decision.override ? ', override' : ''}
                        {decision.escalationCount > 0
                          ? `, escalated ${countOf(decision.escalationCount, 'time', 'times')}`
                          : ''}
                      </List.Item>
                    ))}
                  </List>
                ) : null}
              </List.Item>
            ))}
          </List>
        </Stack>
      );
    case 'delivered':
      return (
        <Items
          items={list.items}
          render={(item) => (
            <>
              <Anchor component={Link} to="/metrics/value" inherit underline="always">
                {item.title}
              </Anchor>{' '}
              — {item.domainName}, delivered {formatDate(item.deliveredOn)}
              {item.leadTimeDays === null ? '' : `, lead time ${formatDays(item.leadTimeDays)}`}
              {item.satisfaction === null
                ? ''
                : `, satisfaction ${formatMetricValue(item.satisfaction, 'score')}`},{' '}
              {countOf(item.defects, 'defect', 'defects')}
            </>
          )}
        />
      );
    case 'successMetrics':
      return <Items items={list.items} render={(metric) => <SuccessMetric metric={metric} />} />;
    case 'budgetByDomain':
      return (
        <Stack gap={4}>
          <Items
            items={list.items}
            render={(item) => {
              const committed = formatReviewAmount(item.committed, item.unit);
              if (item.budget === null) {
                return (
                  <>
                    <DomainName id={item.domainId} name={item.domainName} />: {committed} committed, no budget
                  </>
                );
              }
              const details = [item.share === null ? '' : formatPercent(item.share), lightInWords(item.light)].filter(
                (detail) => detail !== '',
              );
              return (
                <>
                  <DomainName id={item.domainId} name={item.domainName} />: {committed} of{' '}
                  {formatReviewAmount(item.budget, item.unit)}
                  {details.length > 0 ? ` (${details.join(', ')})` : ''}
                </>
              );
            }}
          />
          {list.unbudgeted > 0 ? (
            <Text size="sm">Committed by domains without a budget: {formatNumber(list.unbudgeted)}.</Text>
          ) : null}
        </Stack>
      );
    case 'committedDecisions':
      return (
        <Items
          items={list.items}
          render={(item) => (
            <>
              <Ref item={item} />: {formatReviewAmount(item.cost, item.unit)} ({item.tier}), decided{' '}
              {date(item.decidedAt)}
            </>
          )}
        />
      );
    case 'quickWins':
      return (
        <Items
          items={list.items}
          render={(item) => (
            <>
              <Ref item={item} />, implemented {date(item.implementedAt)} (
              {[item.autonomous ? 'decided autonomously' : '', item.reversible ? 'reversible' : '']
                .filter((reason) => reason !== '')
                .join(', ')}
              )
            </>
          )}
        />
      );
    case 'quickWinCandidates':
      return (
        <Items
          items={list.items}
          render={(item) => (
            <>
              <Ref item={item} />, decided {date(item.decidedAt)} ({item.tier})
            </>
          )}
        />
      );
    case 'autonomyTrend': {
      const trend = trendInWords(list.direction, list.assessment);
      return (
        <Stack gap={4}>
          <Items
            items={list.points}
            render={(point) =>
              point.value === null
                ? `${point.label}: not enough data (${countOf(point.count, 'decision', 'decisions')})`
                : `${point.label}: ${formatPercent(point.value)} (${formatNumber(point.matching)} of ${countOf(point.count, 'decision', 'decisions')})`
            }
          />
          <Text size="sm">{trend === '' ? 'Trend: not enough data.' : `Trend: ${trend}.`}</Text>
        </Stack>
      );
    }
    case 'overrides':
      return (
        <Items
          items={list.items}
          render={(item) => (
            <>
              <Ref item={item} />, decided {date(item.decidedAt)} in the {item.tier} tier
              {item.reason.trim() === '' ? '' : `: ${item.reason}`}
            </>
          )}
        />
      );
    case 'escalations':
      return (
        <Items
          items={list.items}
          render={(item) => {
            const to = [
              item.toTier === null ? '' : `${item.fromTier} → ${item.toTier}`,
              item.toDomainName === null ? '' : `to ${item.toDomainName}`,
            ].filter((part) => part !== '');
            return (
              <>
                <Ref item={item} />, {date(item.at)}
                {to.length > 0 ? ` (${to.join(', ')})` : ''}: {item.reason}
              </>
            );
          }}
        />
      );
    case 'waitingForInput':
      return (
        <Items
          items={list.items}
          render={(item) => (
            <>
              <Ref item={item} />: {item.status === 'seeking-advice' ? 'seeking advice' : 'deciding together'}
              {item.waitingDays === null ? '' : ` for ${formatDays(item.waitingDays)}`}
              {item.status === 'seeking-advice'
                ? ` (${formatNumber(item.adviceReceived)} of ${formatNumber(item.adviceAsked)} asked have advised)`
                : ''}
            </>
          )}
        />
      );
    case 'slowDecisions':
      return (
        <Stack gap={4}>
          {list.thresholdDays !== null ? (
            <Text size="sm">Decisions that took longer than {formatDays(list.thresholdDays)}, slowest first:</Text>
          ) : null}
          <Items
            items={list.items}
            render={(item) => (
              <>
                <Ref item={item} />: {formatDays(item.days)} ({item.tier})
              </>
            )}
          />
        </Stack>
      );
    case 'handoffs':
      return (
        <Items
          items={list.items}
          render={(item) => (
            <>
              <Ref item={item} />: {countOf(item.handoffs, 'handoff', 'handoffs')} (
              {formatNumber(item.adviceFromOtherDomains)} for advice, {formatNumber(item.jointWithOtherDomains)}{' '}
              deciding jointly)
            </>
          )}
        />
      );
    case 'failedReviews':
      return (
        <Items
          items={list.items}
          render={(item) => (
            <>
              <Ref item={item} />:{' '}
              {[item.outcome ?? '', item.rolledBack ? 'rolled back' : ''].filter((part) => part !== '').join(', ')}
              {item.lessons.trim() === '' ? '' : `. Lessons: ${item.lessons}`}
            </>
          )}
        />
      );
    case 'lessons':
      return (
        <Items
          items={list.items}
          render={(item) => (
            <>
              <Ref item={item} /> ({item.source === 'review' ? 'review' : 'experiment result'},{' '}
              {formatDate(item.recordedOn)}): {item.text}
            </>
          )}
        />
      );
    case 'metricTrends':
      return (
        <Table.ScrollContainer minWidth={560}>
          <Table striped withTableBorder verticalSpacing={4} fz="sm">
            <caption className="visually-hidden">{list.title}</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Figure</Table.Th>
                {list.periods.map((period) => (
                  <Table.Th key={period.firstDay} scope="col" ta="right">
                    {period.label}
                  </Table.Th>
                ))}
                <Table.Th scope="col">Trend</Table.Th>
                <Table.Th scope="col">Light</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.items.map((item) => (
                <Table.Tr key={item.key}>
                  <Table.Th scope="row" fw={500}>
                    {item.name}
                  </Table.Th>
                  {item.series.map((value, index) => (
                    <Table.Td key={index} ta="right">
                      {value === null ? '–' : formatMetricValue(value, item.unit)}
                    </Table.Td>
                  ))}
                  <Table.Td>{trendInWords(item.direction, item.assessment) || 'not enough data'}</Table.Td>
                  <Table.Td>{lightInWords(item.light) || '–'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      );
    case 'thresholdSuggestions':
      return (
        <Items
          items={list.items}
          render={(item) => {
            const { direction, limits } = item.suggestion;
            return (
              <>
                <Anchor component={Link} to={`/domains/${item.domainId}`} inherit underline="always">
                  {item.domainName}
                </Anchor>
                :{' '}
                {direction === 'keep'
                  ? 'keep the limits'
                  : `${direction}: autonomous ${formatNumber(item.current.autonomousCostLimit)} → ${formatNumber(limits.autonomousCostLimit)}, consultative ${formatNumber(item.current.consultativeCostLimit)} → ${formatNumber(limits.consultativeCostLimit)}`}
                <List size="sm" withPadding spacing={2}>
                  {item.suggestion.reasons.map((reason) => (
                    <List.Item key={reason}>{reason}</List.Item>
                  ))}
                </List>
              </>
            );
          }}
        />
      );
    case 'workedDecisions':
      return (
        <Items
          items={list.items}
          render={(item) => (
            <>
              <Ref item={item} /> ({item.tier}
              {item.kind === 'experiment' ? ' experiment' : ''}), reviewed {date(item.reviewedAt)}
              {item.lessons.trim() === '' ? '' : `. Lessons: ${item.lessons}`}
            </>
          )}
        />
      );
    case 'experimentResults':
      return (
        <Items
          items={list.items}
          render={(item) => (
            <>
              <Ref item={item} />, {formatDate(item.recordedOn)}.
              {item.hypothesis.trim() === '' ? '' : ` Hypothesis: ${item.hypothesis}.`} Result: {item.result}
              {item.outcome === null ? '' : ` (${item.outcome})`}
            </>
          )}
        />
      );
    case 'objectives':
      return (
        <Items
          items={list.items}
          render={(item) => (
            <>
              <DomainName id={item.domainId} name={item.domainName} />:{' '}
              {item.objectives.trim() === '' ? 'no objectives written' : item.objectives} ({formatNumber(item.onTarget)}{' '}
              on target, {formatNumber(item.offTarget)} off target, {formatNumber(item.noData)} without a target or
              value)
              {item.metrics.length > 0 ? (
                <List size="sm" withPadding spacing={2}>
                  {item.metrics.map((metric) => (
                    <List.Item key={metric.metricId}>
                      <SuccessMetric metric={metric} />
                    </List.Item>
                  ))}
                </List>
              ) : null}
            </>
          )}
        />
      );
  }
}

/** One list of a topic, with its heading (level `order`). */
export function ReviewListView({
  list,
  timeZone,
  order = 4,
}: {
  list: ReviewList;
  timeZone: string;
  order?: 3 | 4 | 5;
}) {
  return (
    <Stack gap={6}>
      <Title order={order} size="h5">
        {list.title}
      </Title>
      <ListBody list={list} timeZone={timeZone} />
    </Stack>
  );
}
