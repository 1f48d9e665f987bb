/**
 * The "…" menu at the end of a table row: change the item, or move it to the trash.
 */
import { ActionIcon, Menu } from '@mantine/core';
import { Ellipsis, Pencil, Trash2 } from 'lucide-react';

export interface RowMenuProps {
  /** The button's accessible name, e.g. "Actions for Billing". */
  label: string;
  /** The first item's text, e.g. "Edit…" or "Rename…". */
  editLabel: string;
  onEdit: () => void;
  onTrash: () => void;
  disabled?: boolean;
}

/** A row's actions menu. */
export function RowMenu({ label, editLabel, onEdit, onTrash, disabled }: RowMenuProps) {
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <ActionIcon variant="subtle" color="gray" aria-label={label} disabled={disabled ?? false}>
          <Ellipsis size={18} aria-hidden />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item leftSection={<Pencil size={14} aria-hidden />} onClick={onEdit}>
          {editLabel}
        </Menu.Item>
        <Menu.Item color="red" leftSection={<Trash2 size={14} aria-hidden />} onClick={onTrash}>
          Move to trash
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
