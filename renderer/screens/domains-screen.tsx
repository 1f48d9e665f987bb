/**
 * Domains: the areas people and teams own, at three autonomy levels, nested (framework
 * §1 and §2). This screen shows them as a tree (`domainTree`: sorted by name, each live
 * domain exactly once), opens each one's page, and creates, edits and moves them to the
 * trash.
 */
import { useMoveToTrash } from '../components/use-move-to-trash';
import { domainTree, flattenDomainTree, type DetachedReason } from '@shared/domains/hierarchy';
import { formatAmount } from '@shared/domains/format';
import { Anchor, Badge, Button, Card, Group, Stack, Table, Text } from '@mantine/core';
import { CornerDownRight, GitFork, Network, Plus } from 'lucide-react';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Entity } from '@shared/model/entities';
import { EmptyState } from '../components/empty-state';
import { ListTable } from '../components/form-parts';
import { RowMenu } from '../components/row-menu';
import { Screen } from '../components/screen';
import { WorkspaceGate } from '../components/workspace-gate';
import { selectLive } from '../data/document-store';
import { DomainFormDialog, levelLabels } from '../domains/domain-form-dialog';
import { useDocument } from '../workspaces/session-store';

const detachedNotes: Record<DetachedReason, string> = {
  'parent-missing': 'Its parent domain is not here (yet). Shown at the top level.',
  'parent-deleted': 'Its parent domain is in the trash. Shown at the top level.',
  cycle: 'Its parents form a loop. Edit it to choose another parent.',
};

const periodLabels = { week: 'week', month: 'month', quarter: 'quarter', year: 'year' } as const;

function ownersText(domain: Entity<'domains'>): string {
  const owners = Object.values(domain.roles).filter((role) => role.role === 'owner').length;
  if (owners === 0) return 'None yet';
  return owners === 1 ? '1 owner' : `${owners} owners`;
}

function budgetText(domain: Entity<'domains'>): string {
  if (domain.budgetAmount === null) return '—';
  return `${formatAmount(domain.budgetAmount, domain.budgetUnit)} / ${periodLabels[domain.budgetPeriod]}`;
}

function DomainList() {
  const domains = useDocument((state) => selectLive(state, 'domains'));
  const readOnly = useDocument((state) => state.readOnly);
  const [editing, setEditing] = useState<'new' | Entity<'domains'> | null>(null);
  const rows = flattenDomainTree(domainTree(domains));
  const names = new Map(domains.map((domain) => [domain.id, domain.name]));

  const trash = useMoveToTrash();
  const moveToTrash = (domain: Entity<'domains'>) => trash('domains', domain.id, domain.name);

  const newButton = (
    <Button leftSection={<Plus size={16} aria-hidden />} onClick={() => setEditing('new')} disabled={readOnly !== null}>
      New domain
    </Button>
  );

  return (
    <>
      {rows.length === 0 ? (
        <EmptyState icon={GitFork} title="No domains yet" action={newButton}>
          Start by naming the areas your people and teams own. Each domain gets a charter: what it is responsible for,
          its success metrics, its budget, and the agreements it has with other domains.{' '}
          <Anchor component={Link} to="/help#boundaries" underline="always">
            How domains work in the framework
          </Anchor>
        </EmptyState>
      ) : (
        <Card withBorder radius="md" padding={0} component="section" aria-label="Domains">
          <Group justify="flex-end" p="sm" gap="sm">
            <Button
              component={Link}
              to="/domains/map"
              variant="default"
              leftSection={<Network size={16} aria-hidden />}
            >
              Dependency map
            </Button>
            {newButton}
          </Group>
          <ListTable columns={['Name', 'Level', 'Owners', 'Budget']}>
            {rows.map(({ domain, depth, detached }) => {
              const parentName = domain.parentId !== null && detached === null ? names.get(domain.parentId) : undefined;
              return (
                <Table.Tr key={domain.id}>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap" align="flex-start" pl={depth * 24}>
                      {depth > 0 ? (
                        <CornerDownRight
                          size={16}
                          aria-hidden
                          style={{ flexShrink: 0, marginTop: 3 }}
                          color="var(--mantine-color-dimmed)"
                        />
                      ) : null}
                      <Stack gap={2}>
                        <Anchor component={Link} to={`/domains/${domain.id}`} fw={600}>
                          {domain.name}
                        </Anchor>
                        {parentName !== undefined ? (
                          <span className="visually-hidden">, part of {parentName}</span>
                        ) : null}
                        {domain.purpose ? (
                          <Text size="sm" c="dimmed" lineClamp={2}>
                            {domain.purpose}
                          </Text>
                        ) : null}
                        {detached ? (
                          <Text size="sm" c="var(--mantine-color-orange-text)">
                            {detachedNotes[detached]}
                          </Text>
                        ) : null}
                      </Stack>
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    {/* Never squeezed to an ellipsis by a long purpose in the first column. */}
                    <Badge variant="light" styles={{ label: { overflow: 'visible' } }}>
                      {levelLabels[domain.level]}
                    </Badge>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{ownersText(domain)}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{budgetText(domain)}</Table.Td>
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
              );
            })}
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
