/**
 * Removing an item of one of a decision's keyed collections (a piece of advice, a position, a
 * link): the row's "Remove" button, one intent (Ctrl+Z brings the item back), and the reason
 * shown under the list when it fails.
 */
import { Button, Text } from '@mantine/core';
import { Trash2 } from 'lucide-react';
import type { CollectionName } from '../../data/repository';
import { useWriteFailure } from '../../domains/charter/section';
import { useSession } from '../../workspaces/session-store';

/** Returns `remove(itemId)` for one collection of a decision, and the last failure. */
export function useRemoveItem(decisionId: string, collection: CollectionName<'decisions'>) {
  const repository = useSession((state) => state.session?.repository);
  const { failure, attempt } = useWriteFailure();
  const remove = (itemId: string) =>
    attempt(() => {
      if (!repository) throw new Error('No workspace is open.');
      repository.removeFromCollection('decisions', decisionId, collection, itemId);
    });
  return { failure, remove };
}

/** A row's "Remove" button; `label` names what it removes ("Remove advice from Ana"). */
export function RemoveItemButton({
  label,
  disabled,
  onClick,
}: {
  label: string;
  disabled: boolean;
  onClick: () => void;
}) {
  return (
    <Button
      variant="subtle"
      color="red"
      size="xs"
      leftSection={<Trash2 size={14} aria-hidden />}
      aria-label={label}
      disabled={disabled}
      onClick={onClick}
    >
      Remove
    </Button>
  );
}

/** Why the last removal failed, under the list; nothing when it did not. */
export function RemoveFailure({ what, failure }: { what: string; failure: string | null }) {
  if (failure === null) return null;
  return (
    <Text size="sm" c="red" role="alert">
      {what} could not be removed: {failure}
    </Text>
  );
}
