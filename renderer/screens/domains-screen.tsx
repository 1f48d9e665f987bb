/**
 * Domains: the areas people and teams own, at three autonomy levels, nested (framework
 * §1 and §2). This screen lists them and creates, edits and moves them to the trash.
 */
import { describeError } from '@shared/errors';
import { Anchor, Badge, Button, Card, Group, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { GitFork, Plus } from 'lucide-react';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Entity } from '@shared/model/entities';
import { EmptyState } from '../components/empty-state';
import { ListTable } from '../components/form-parts';
import { RowMenu } from '../components/row-menu';
import { Screen } from '../components/screen';
import { WorkspaceGate } from '../components/workspace-gate';
import { selectLive } from '../data/document-store';
import { DomainFormDialog } from '../domains/domain-form-dialog';
import { useDocument, useSession } from '../workspaces/session-store';

const levelLabels = { individual: 'Individual', team: 'Team', domain: 'Domain' } as const;

function DomainList() {
  const domains = useDocument((state) => selectLive(state, 'domains'));
  const readOnly = useDocument((state) => state.readOnly);
  const repository = useSession((state) => state.session?.repository);
  const [editing, setEditing] = useState<'new' | Entity<'domains'> | null>(null);
  const names = new Map(domains.map((domain) => [domain.id, domain.name]));

  const moveToTrash = (domain: Entity<'domains'>) => {
    try {
      repository?.softDelete('domains', domain.id);
      notifications.show({
        title: 'Moved to the trash',
        message: `${domain.name} is in the trash. Ctrl+Z brings it back.`,
      });
    } catch (error) {
      notifications.show({ color: 'red', title: 'Could not move the domain', message: describeError(error) });
    }
  };

  const newButton = (
    <Button leftSection={<Plus size={16} aria-hidden />} onClick={() => setEditing('new')} disabled={readOnly !== null}>
      New domain
    </Button>
  );

  return (
    <>
      {domains.length === 0 ? (
        <EmptyState icon={GitFork} title="No domains yet" action={newButton}>
          Start by naming the areas your people and teams own. Each domain gets a charter: what it is responsible for,
          its success metrics, its budget, and the agreements it has with other domains.{' '}
          <Anchor component={Link} to="/help#boundaries" underline="always">
            How domains work in the framework
          </Anchor>
        </EmptyState>
      ) : (
        <Card withBorder radius="md" padding={0} component="section" aria-label="Domains">
          <Group justify="flex-end" p="sm">
            {newButton}
          </Group>
          <ListTable columns={['Name', 'Level', 'Part of']}>
            {domains.map((domain) => (
              <Table.Tr key={domain.id}>
                <Table.Td>
                  <Text fw={600}>{domain.name}</Text>
                  {domain.purpose ? (
                    <Text size="sm" c="dimmed" lineClamp={2}>
                      {domain.purpose}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>
                  <Badge variant="light">{levelLabels[domain.level]}</Badge>
                </Table.Td>
                <Table.Td>{domain.parentId ? (names.get(domain.parentId) ?? '—') : '—'}</Table.Td>
                <Table.Td>
                  <Group justify="flex-end">
                    <RowMenu
                      label={`Actions for ${domain.name}`}
                      editLabel="Edit…"
                      onEdit={() => setEditing(domain)}
                      onTrash={() => moveToTrash(domain)}
                      disabled={readOnly !== null}
                    />
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </ListTable>
        </Card>
      )}
      <DomainFormDialog target={editing} onClose={() => setEditing(null)} />
    </>
  );
}

/** Domains: areas of responsibility with clear boundaries (framework §1, §2). */
export function DomainsScreen() {
  return (
    <Screen title="Domains" description="Areas of responsibility with clear boundaries, owners and limits.">
      <WorkspaceGate>
        <DomainList />
      </WorkspaceGate>
    </Screen>
  );
}
