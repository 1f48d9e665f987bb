/**
 * Decisions: the list of recorded decisions with their domain, status and cost, and the
 * form to record one (which warns before a decision would exceed its domain's budget).
 * Classification by impact, tier workflows and safety nets come with the decisions issue.
 */
import { useMoveToTrash } from '../components/use-move-to-trash';
import { formatAmount } from '@shared/domains/format';
import { Anchor, Badge, Button, Card, Group, Table, Text } from '@mantine/core';
import { Plus, Scale } from 'lucide-react';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Entity } from '@shared/model/entities';
import { EmptyState } from '../components/empty-state';
import { decisionStatusLabels } from '../components/entity-labels';
import { ListTable } from '../components/form-parts';
import { RowMenu } from '../components/row-menu';
import { Screen } from '../components/screen';
import { WorkspaceGate } from '../components/workspace-gate';
import { selectLive } from '../data/document-store';
import { DecisionFormDialog } from '../decisions/decision-form-dialog';
import { useDocument } from '../workspaces/session-store';

function DecisionList() {
  const decisions = useDocument((state) => selectLive(state, 'decisions'));
  const domains = useDocument((state) => selectLive(state, 'domains'));
  const readOnly = useDocument((state) => state.readOnly);
  const [editing, setEditing] = useState<'new' | Entity<'decisions'> | null>(null);
  const domainsById = new Map(domains.map((domain) => [domain.id, domain]));

  const trash = useMoveToTrash();
  const moveToTrash = (decision: Entity<'decisions'>) => trash('decisions', decision.id, decision.title);

  const newButton = (
    <Button leftSection={<Plus size={16} aria-hidden />} onClick={() => setEditing('new')} disabled={readOnly !== null}>
      New decision
    </Button>
  );

  return (
    <>
      {decisions.length === 0 ? (
        <EmptyState icon={Scale} title="No decisions recorded yet" action={newButton}>
          Record decisions here with their domain and cost; Latitude warns before one would take a domain over its
          budget.{' '}
          <Anchor component={Link} to="/help#decisions" underline="always">
            Who decides what in the framework
          </Anchor>
        </EmptyState>
      ) : (
        <Card withBorder radius="md" padding={0} component="section" aria-label="Decisions">
          <Group justify="flex-end" p="sm">
            {newButton}
          </Group>
          <ListTable columns={['Title', 'Domain', 'Status', 'Cost']}>
            {decisions.map((decision) => {
              const domain = decision.domainId ? domainsById.get(decision.domainId) : undefined;
              return (
                <Table.Tr key={decision.id}>
                  <Table.Td>
                    <Text fw={600}>{decision.title}</Text>
                  </Table.Td>
                  <Table.Td>
                    {domain ? (
                      <Anchor component={Link} to={`/domains/${domain.id}`}>
                        {domain.name}
                      </Anchor>
                    ) : (
                      '—'
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light">{decisionStatusLabels[decision.status]}</Badge>
                  </Table.Td>
                  <Table.Td>
                    {decision.cost === null ? '—' : formatAmount(decision.cost, domain?.budgetUnit ?? '')}
                  </Table.Td>
                  <Table.Td>
                    <Group justify="flex-end">
                      <RowMenu
                        label={`Actions for ${decision.title}`}
                        editLabel="Edit…"
                        onEdit={() => setEditing(decision)}
                        onTrash={() => moveToTrash(decision)}
                        disabled={readOnly !== null}
                      />
                    </Group>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </ListTable>
        </Card>
      )}
      <DecisionFormDialog target={editing} onClose={() => setEditing(null)} />
    </>
  );
}

/** Decisions: recorded with their domain, status and cost (framework §1). */
export function DecisionsScreen() {
  return (
    <Screen
      title="Decisions"
      description="Every decision, classified by its impact as autonomous, consultative or collaborative."
    >
      <WorkspaceGate>
        <DecisionList />
      </WorkspaceGate>
    </Screen>
  );
}
