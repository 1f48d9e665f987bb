/**
 * Small pieces every form and table uses the same way.
 */
import { Alert, Button, Group, Table } from '@mantine/core';
import type { ReactNode } from 'react';

/** Why the last action failed, announced as an alert; nothing while there is no error. */
export function ErrorAlert({ error }: { error: string | null | undefined }) {
  if (!error) return null;
  return (
    <Alert color="red" role="alert">
      {error}
    </Alert>
  );
}

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

/**
 * A list as a table: the named columns, then a last column of row actions whose header is
 * named for screen readers only. `children` are the rows.
 */
export function ListTable({ columns, children }: { columns: readonly string[]; children: ReactNode }) {
  return (
    <Table verticalSpacing="sm" horizontalSpacing="md">
      <Table.Thead>
        <Table.Tr>
          {columns.map((column) => (
            <Table.Th key={column}>{column}</Table.Th>
          ))}
          <Table.Th>
            <span className="visually-hidden">Actions</span>
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>{children}</Table.Tbody>
    </Table>
  );
}
