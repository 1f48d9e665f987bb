/**
 * Small pieces every form and table uses the same way.
 */
import { Button, Group, Table } from '@mantine/core';

/** The buttons at the foot of a form: Cancel, then the submit button. */
export function FormActions({
  onCancel,
  submitLabel,
  loading,
}: {
  onCancel: () => void;
  submitLabel: string;
  loading?: boolean;
}) {
  return (
    <Group justify="flex-end" gap="sm">
      <Button variant="default" onClick={onCancel}>
        Cancel
      </Button>
      <Button type="submit" loading={loading ?? false}>
        {submitLabel}
      </Button>
    </Group>
  );
}

/** The header of a table's last column, which holds row actions: named for screen readers only. */
export function ActionsHeader() {
  return (
    <Table.Th>
      <span className="visually-hidden">Actions</span>
    </Table.Th>
  );
}
