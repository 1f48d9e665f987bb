/**
 * The dependency map screen's content (framework §2 "Dependencies", §5 "Dependency
 * reduction"): broken agreements first, then the map, then the same information as a list.
 * Reads every domain of the open workspace, including those in the trash, so an agreement
 * with a deleted domain is named as such instead of vanishing.
 *
 * The dependency map screen loads this module lazily, with React Flow's stylesheet and the
 * map's own, so neither weighs on the app's start.
 */
import '@xyflow/react/dist/style.css';
import './dependency-map.css';
import { Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { dependencyGraph, type DependencyGraph } from '@shared/domains/dependency-graph';
import { Network } from 'lucide-react';
import { useMemo, type ReactNode } from 'react';
import { Link } from 'react-router';
import { EmptyState } from '../../components/empty-state';
import { useDocument } from '../../workspaces/session-store';
import { AGREEMENT_LIST_HEADING_ID, AgreementList } from './agreement-list';
import { BrokenAgreements } from './broken-agreements';
import { DependencyFlow } from './dependency-flow';
import { levelLabels } from './flow-elements';

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** The counts a person sees above the map and hears as the map's name. */
export function mapSummary(graph: DependencyGraph): { domains: number; agreements: number; escalations: number } {
  let agreements = 0;
  let escalations = 0;
  for (const edge of graph.edges) {
    if (edge.kind === 'agreement') agreements += 1;
    else if (edge.kind === 'escalation') escalations += 1;
  }
  return { domains: graph.nodes.length, agreements, escalations };
}

function Swatch({ children }: { children: ReactNode }) {
  return (
    <Group gap={6} wrap="nowrap">
      {children}
    </Group>
  );
}

function LineSample({ dash, opacity, width }: { dash?: string; opacity?: number; width: number }) {
  return (
    <svg width="28" height="10" aria-hidden focusable="false">
      <line
        x1="1"
        y1="5"
        x2="27"
        y2="5"
        stroke="currentColor"
        strokeWidth={width}
        strokeDasharray={dash}
        opacity={opacity}
      />
    </svg>
  );
}

/** What the colours and lines mean. */
function Legend() {
  return (
    <Group gap="lg" wrap="wrap" aria-label="Legend" role="group">
      {(['domain', 'team', 'individual'] as const).map((level) => (
        <Swatch key={level}>
          <span className="map-legend-swatch" data-level={level} aria-hidden />
          <Text size="sm">{levelLabels[level]}</Text>
        </Swatch>
      ))}
      <Swatch>
        <Text span c="blue" display="inline-flex">
          <LineSample width={2} />
        </Text>
        <Text size="sm">Agreement</Text>
      </Swatch>
      <Swatch>
        <Text span c="orange" display="inline-flex">
          <LineSample width={1.5} dash="6 4" />
        </Text>
        <Text size="sm">Escalation path</Text>
      </Swatch>
      <Swatch>
        <Text span c="dimmed" display="inline-flex">
          <LineSample width={1} opacity={0.8} />
        </Text>
        <Text size="sm">Part of</Text>
      </Swatch>
    </Group>
  );
}

function focusList(): void {
  document.getElementById(AGREEMENT_LIST_HEADING_ID)?.focus();
}

/** The map, its broken agreements and its list, for the open workspace. */
export function DependencyMap() {
  const domainMap = useDocument((state) => state.entities.domains);
  const domains = useMemo(() => [...domainMap.values()], [domainMap]);
  const graph = useMemo(() => dependencyGraph(domains), [domains]);
  const summary = mapSummary(graph);

  if (graph.nodes.length === 0) {
    return (
      <EmptyState
        icon={Network}
        title="No domains to map yet"
        action={
          <Button component={Link} to="/domains">
            Go to Domains
          </Button>
        }
      >
        The map shows your domains and the agreements between them: who provides what to whom, and where to escalate
        when it goes wrong. Create a few domains first.
      </EmptyState>
    );
  }

  const counts = `${plural(summary.domains, 'domain', 'domains')}, ${plural(summary.agreements, 'agreement', 'agreements')}, ${plural(summary.escalations, 'escalation step', 'escalation steps')}`;
  const noAgreements = summary.agreements === 0 && graph.brokenAgreements.length === 0;

  return (
    <Stack gap="md">
      <BrokenAgreements broken={graph.brokenAgreements} domains={domains} />
      {noAgreements ? (
        <EmptyState icon={Network} title="No agreements between domains yet">
          An interface agreement says what one domain provides to another, what it expects in return, the service level,
          how the two communicate and whom to escalate to. Open a domain from the map or the{' '}
          <Anchor component={Link} to="/domains" underline="always">
            Domains
          </Anchor>{' '}
          list and add one under Agreements; it appears here as an arrow.
        </EmptyState>
      ) : null}
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Text size="sm" c="dimmed">
          {counts}. Click a domain, or focus it and press Enter, to open it.
        </Text>
        <Button variant="subtle" size="compact-sm" onClick={focusList}>
          Skip the map to the list
        </Button>
      </Group>
      <Legend />
      <DependencyFlow
        graph={graph}
        label={`Dependency map: ${counts}. The same information is listed below the map.`}
      />
      <AgreementList domains={domains} graph={graph} />
    </Stack>
  );
}
