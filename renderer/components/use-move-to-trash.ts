/**
 * Moving an entity to the trash the way every screen does it: one intent (so Ctrl+Z brings
 * it back), a notification saying so, or a red notification with the reason when it fails.
 */
import { describeError } from '@shared/errors';
import { notifications } from '@mantine/notifications';
import type { EntityKind } from '@shared/model/entities';
import { useSession } from '../workspaces/session-store';
import { kindLabels } from './entity-labels';

/** Returns `moveToTrash(kind, id, name)`, which answers whether the entity was moved. */
export function useMoveToTrash(): (kind: EntityKind, id: string, name: string) => boolean {
  const repository = useSession((state) => state.session?.repository);
  return (kind, id, name) => {
    if (!repository) return false;
    try {
      repository.softDelete(kind, id);
      notifications.show({ title: 'Moved to the trash', message: `${name} is in the trash. Ctrl+Z brings it back.` });
      return true;
    } catch (error) {
      const what = kindLabels[kind].toLowerCase();
      notifications.show({ color: 'red', title: `Could not move the ${what}`, message: describeError(error) });
      return false;
    }
  };
}
