/**
 * The open workspace's trash: everything moved there, newest first, each restorable.
 * Nothing is ever removed from a workspace for good, so an edit made on another laptop
 * while something was deleted here is kept and comes back with it.
 */
import { describeError } from '@shared/errors';
import { Button, Card, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { RotateCcw, Trash2 } from 'lucide-react';
import { entityName, kindLabels } from '../components/entity-labels';
import { EmptyState } from '../components/empty-state';
import { ListTable } from '../components/form-parts';
import { Screen } from '../components/screen';
import { WorkspaceGate } from '../components/workspace-gate';
import { selectTrash, type TrashEntry } from '../data/document-store';
import { useDocument, useSession } from '../workspaces/session-store';

const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function TrashList() {
  const trash = useDocument(selectTrash);
  const domains = useDocument((state) => state.entities.domains);
  const nameOf = (entry: TrashEntry) => entityName(entry.entity, (id) => domains.get(id)?.name);
  const readOnly = useDocument((state) => state.readOnly);
  const repository = useSession((state) => state.session?.repository);

  const restore = ({ kind, entity }: TrashEntry) => {
    try {
      repository?.restore(kind, entity.id);
    } catch (error) {
      notifications.show({ color: 'red', title: 'Could not restore', message: describeError(error) });
    }
  };

  if (trash.length === 0) {
    return (
      <EmptyState icon={Trash2} title="The trash is empty">
        Domains, decisions and other items you delete wait here, so they can be restored.
      </EmptyState>
    );
  }
  return (
    <Card withBorder radius="md" padding={0} component="section" aria-label="Items in the trash">
      <ListTable columns={['Item', 'Kind', 'Deleted']}>
        {trash.map((entry) => (
          <Table.Tr key={`${entry.kind}:${entry.entity.id}`}>
            <Table.Td>
              <Text fw={600}>{nameOf(entry)}</Text>
            </Table.Td>
            <Table.Td>{kindLabels[entry.kind]}</Table.Td>
            <Table.Td>{dateTimeFormat.format(entry.entity.deletedAt ?? 0)}</Table.Td>
            <Table.Td ta="right">
              <Button
                size="xs"
                variant="default"
                leftSection={<RotateCcw size={14} aria-hidden />}
                onClick={() => restore(entry)}
                disabled={readOnly !== null}
                aria-label={`Restore ${nameOf(entry)}`}
              >
                Restore
              </Button>
            </Table.Td>
          </Table.Tr>
        ))}
      </ListTable>
    </Card>
  );
}

/** The trash screen. */
export function TrashScreen() {
  return (
    <Screen title="Trash" description="Items moved to the trash in this workspace. Restore any of them.">
      <WorkspaceGate>
        <TrashList />
      </WorkspaceGate>
    </Screen>
  );
}
