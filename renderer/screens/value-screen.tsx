/**
 * Delivered value (`/metrics/value`): the items a workspace delivered, newest first, with
 * their lead time, users' satisfaction and defects — the inputs of the value metrics. Record,
 * edit, or move one to the trash (Ctrl+Z brings it back).
 */
import { Anchor, Button, Table, Text } from '@mantine/core';
import { PackageCheck, Plus } from 'lucide-react';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { Entity } from '@shared/model/entities';
import { EmptyState } from '../components/empty-state';
import { ListTable } from '../components/form-parts';
import { RowMenu } from '../components/row-menu';
import { Screen } from '../components/screen';
import { useMoveToTrash } from '../components/use-move-to-trash';
import { WorkspaceGate } from '../components/workspace-gate';
import { selectLive } from '../data/document-store';
import { ValueEntryDialog } from '../metrics/value/value-entry-dialog';
import { useDocument } from '../workspaces/session-store';

type ValueEntry = Entity<'valueEntries'>;

const DAY_MS = 86_400_000;

/** Calendar days from start to delivery, or null when either is missing. */
export function leadTimeDays(entry: Pick<ValueEntry, 'startedOn' | 'deliveredOn'>): number | null {
  if (entry.startedOn === null || entry.deliveredOn === null) return null;
  return Math.round((Date.parse(entry.deliveredOn) - Date.parse(entry.startedOn)) / DAY_MS);
}

/** Newest delivery first; items not delivered yet first of all, then by title. */
function byDelivery(a: ValueEntry, b: ValueEntry): number {
  if (a.deliveredOn !== b.deliveredOn) {
    if (a.deliveredOn === null) return -1;
    if (b.deliveredOn === null) return 1;
    return a.deliveredOn < b.deliveredOn ? 1 : -1;
  }
  return a.title.localeCompare(b.title);
}

/** The delivered value screen. */
export function ValueScreen() {
  const entries = useDocument((state) => selectLive(state, 'valueEntries'));
  const domainMap = useDocument((state) => state.entities.domains);
  const readOnly = useDocument((state) => state.readOnly) !== null;
  const trash = useMoveToTrash();
  const [editing, setEditing] = useState<ValueEntry | 'new' | null>(null);
  const sorted = useMemo(() => [...entries].sort(byDelivery), [entries]);
  const record = (
    <Button leftSection={<Plus size={16} aria-hidden />} onClick={() => setEditing('new')} disabled={readOnly}>
      Record delivered value
    </Button>
  );
  return (
    <Screen
      title="Delivered value"
      description="What the teams delivered: lead time, users' satisfaction and defects feed the value metrics."
      actions={record}
    >
      <WorkspaceGate>
        {sorted.length === 0 ? (
          <EmptyState icon={PackageCheck} title="Nothing delivered recorded yet" action={record}>
            Record each delivered feature, fix or piece of service with when work started and when it was delivered; the
            dashboard turns them into delivery speed, satisfaction and quality.
          </EmptyState>
        ) : (
          <ListTable
            columns={['Delivered item', 'Domain', 'Started', 'Delivered', 'Lead time', 'Satisfaction', 'Defects']}
          >
            {sorted.map((entry) => {
              const lead = leadTimeDays(entry);
              const domain = entry.domainId === null ? undefined : domainMap.get(entry.domainId);
              return (
                <Table.Tr key={entry.id}>
                  <Table.Td>
                    <Text fw={600}>{entry.title}</Text>
                  </Table.Td>
                  <Table.Td>
                    {domain === undefined ? (
                      '—'
                    ) : (
                      <Anchor component={Link} to={`/domains/${domain.id}`}>
                        {domain.name}
                      </Anchor>
                    )}
                  </Table.Td>
                  <Table.Td>{entry.startedOn ?? '—'}</Table.Td>
                  <Table.Td>{entry.deliveredOn ?? 'Not yet'}</Table.Td>
                  <Table.Td>{lead === null ? '—' : `${lead} ${lead === 1 ? 'day' : 'days'}`}</Table.Td>
                  <Table.Td>{entry.satisfaction === null ? '—' : `${entry.satisfaction} of 5`}</Table.Td>
                  <Table.Td>{entry.defects}</Table.Td>
                  <Table.Td>
                    <RowMenu
                      label={`Actions for ${entry.title}`}
                      editLabel="Edit…"
                      onEdit={() => setEditing(entry)}
                      onTrash={() => trash('valueEntries', entry.id, entry.title)}
                      disabled={readOnly}
                    />
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </ListTable>
        )}
        <ValueEntryDialog
          opened={editing !== null}
          entry={editing === 'new' || editing === null ? null : editing}
          onClose={() => setEditing(null)}
        />
      </WorkspaceGate>
    </Screen>
  );
}
