/**
 * The map's information as text, for screen-reader and keyboard users and for anyone who
 * wants to read rather than look: every agreement between live domains (who, what is
 * provided and expected, the service agreement, how to communicate, the escalation path)
 * and the nesting of domains, each name a link to the domain's page.
 */
import { Anchor, Badge, List, Stack, Table, Text, Title } from '@mantine/core';
import {
  dependenciesOf,
  type DependencyGraph,
  type DependencyLink,
  type EscalationStep,
  type GraphDomain,
  type InterfaceAgreement,
} from '@shared/domains/dependency-graph';
import { useMemo } from 'react';
import { Link } from 'react-router';

/** Id of the list's heading, which "Skip the map" moves focus to. */
export const AGREEMENT_LIST_HEADING_ID = 'dependency-list-heading';

/** A domain as the list reads it. */
export type ListDomain = GraphDomain & { agreements?: Readonly<Record<string, InterfaceAgreement>> };

interface AgreementRow {
  holderId: string;
  holderName: string;
  link: DependencyLink;
}

function domainPath(id: string): string {
  return `/domains/${encodeURIComponent(id)}`;
}

function DomainLink({ id, name }: { id: string; name: string }) {
  return (
    <Anchor component={Link} to={domainPath(id)} underline="always" fw={600}>
      {name}
    </Anchor>
  );
}

function Escalation({ steps }: { steps: readonly EscalationStep[] }) {
  if (steps.length === 0) return <Text size="sm">None</Text>;
  return (
    <List type="ordered" size="sm" spacing={2}>
      {steps.map((step, index) => (
        <List.Item key={`${index}:${step.domainId}`}>
          {step.live && step.name !== null ? (
            <DomainLink id={step.domainId} name={step.name} />
          ) : (
            <Text span size="sm" c="red" fw={600}>
              {step.name === null ? 'an unknown domain' : `${step.name} (in the trash)`}
            </Text>
          )}
        </List.Item>
      ))}
    </List>
  );
}

function Details({ link }: { link: DependencyLink }) {
  const { provides, expects, serviceAgreement, communication } = link.agreement;
  const fields = [
    ['Provides', provides],
    ['Expects', expects],
    ['Service agreement', serviceAgreement],
    ['Communication', communication],
  ].filter(([, value]) => value?.trim());
  if (fields.length === 0) return <Text size="sm">No details yet.</Text>;
  return (
    <Stack gap={2}>
      {fields.map(([name, value]) => (
        <Text key={name} size="sm" style={{ whiteSpace: 'pre-line' }}>
          <Text span size="sm" fw={600}>
            {name}:
          </Text>{' '}
          {value}
        </Text>
      ))}
    </Stack>
  );
}

/** The agreements between live domains, holders by name, then the other domain by name. */
function agreementRows(domains: readonly ListDomain[], graph: DependencyGraph): AgreementRow[] {
  return graph.nodes.flatMap((node) =>
    dependenciesOf(domains, node.id)
      .outgoing.filter((link) => !link.broken)
      .map((link) => ({ holderId: node.id, holderName: node.name, link })),
  );
}

export interface AgreementListProps {
  /** Every domain, including those in the trash (to name deleted escalation steps). */
  domains: readonly ListDomain[];
  graph: DependencyGraph;
}

/** The map as tables and lists. */
export function AgreementList({ domains, graph }: AgreementListProps) {
  const rows = useMemo(() => agreementRows(domains, graph), [domains, graph]);
  const names = useMemo(() => new Map(graph.nodes.map((node) => [node.id, node.name])), [graph]);
  const nesting = graph.edges.filter((edge) => edge.kind === 'parent');

  return (
    <Stack gap="lg" component="section" aria-labelledby={AGREEMENT_LIST_HEADING_ID}>
      <Title order={2} size="h3" id={AGREEMENT_LIST_HEADING_ID} tabIndex={-1} style={{ outlineOffset: 4 }}>
        The map as a list
      </Title>
      {rows.length === 0 ? (
        <Text c="dimmed">No agreements to list yet.</Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="sm" horizontalSpacing="md" aria-label="Agreements between domains">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Between</Table.Th>
                <Table.Th scope="col">Agreement</Table.Th>
                <Table.Th scope="col">Escalation path</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map(({ holderId, holderName, link }) => (
                <Table.Tr key={`${holderId}:${link.agreement.id}`}>
                  <Table.Th scope="row" fw="normal" style={{ verticalAlign: 'top' }}>
                    <DomainLink id={holderId} name={holderName} /> <span aria-hidden>→</span>
                    <span className="visually-hidden">with</span>{' '}
                    <DomainLink id={link.domainId} name={link.domainName ?? link.domainId} />
                  </Table.Th>
                  <Table.Td style={{ verticalAlign: 'top' }}>
                    <Details link={link} />
                  </Table.Td>
                  <Table.Td style={{ verticalAlign: 'top' }}>
                    <Escalation steps={link.escalation} />
                    {link.escalation.some((step) => !step.live) ? (
                      <Badge color="red" variant="light" mt={4}>
                        Reaches a deleted domain
                      </Badge>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {nesting.length > 0 ? (
        <Stack gap="xs">
          <Title order={3} size="h4">
            Nesting
          </Title>
          <List size="sm" spacing={4} aria-label="Which domain is part of which">
            {nesting.map((edge) => (
              <List.Item key={edge.id}>
                <DomainLink id={edge.target} name={names.get(edge.target) ?? edge.target} />
                {' is part of '}
                <DomainLink id={edge.source} name={names.get(edge.source) ?? edge.source} />
              </List.Item>
            ))}
          </List>
        </Stack>
      ) : null}
    </Stack>
  );
}
