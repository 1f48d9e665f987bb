/**
 * Undo and redo of the open workspace: buttons in the header and Ctrl/Cmd+Z,
 * Shift+Ctrl/Cmd+Z (and Ctrl+Y). Only the local person's own changes are undone, never a
 * colleague's. In a text field the keys keep their usual meaning (undo typing).
 */
import { ActionIcon, Group, Tooltip } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { Redo2, Undo2 } from 'lucide-react';
import { useCallback, useEffect, useSyncExternalStore } from 'react';
import { usePlatform } from '../platform';
import type { UndoController } from '../data/undo';
import { useSession } from '../workspaces/session-store';

const noUndo = { subscribe: () => () => undefined, canUndo: () => false, canRedo: () => false };

function useUndoState(undo: UndoController | undefined): { canUndo: boolean; canRedo: boolean } {
  const source = undo ?? noUndo;
  const subscribe = useCallback((listener: () => void) => source.subscribe(listener), [source]);
  const canUndo = useSyncExternalStore(subscribe, () => source.canUndo());
  const canRedo = useSyncExternalStore(subscribe, () => source.canRedo());
  return { canUndo, canRedo };
}

/** True when the focused element edits text: its own undo history comes first. */
function focusInTextField(): boolean {
  const element = document.activeElement;
  return (
    element instanceof HTMLInputElement ||
    element instanceof HTMLTextAreaElement ||
    (element instanceof HTMLElement && element.isContentEditable)
  );
}

/**
 * Follows Edit → Undo / Redo from the desktop app's menu (whose shortcuts the menu takes
 * first): in a text field they undo typing, elsewhere the workspace's last intent.
 */
export function useUndoMenuCommands(): void {
  const platform = usePlatform();
  const undo = useSession((state) => state.session?.undo);
  useEffect(
    () =>
      platform.onMenuCommand((command) => {
        if (command !== 'edit:undo' && command !== 'edit:redo') return;
        if (focusInTextField()) {
          // The only way to reach a field's native undo history from script.
          document.execCommand(command === 'edit:undo' ? 'undo' : 'redo');
        } else if (command === 'edit:undo') {
          undo?.undo();
        } else {
          undo?.redo();
        }
      }),
    [platform, undo],
  );
}

/** Registers the undo and redo keys (ignored inside text fields, which keep their own undo). */
export function useUndoHotkeys(): void {
  const undo = useSession((state) => state.session?.undo);
  useHotkeys([
    ['mod+z', () => undo?.undo()],
    ['mod+shift+z', () => undo?.redo()],
    ['ctrl+y', () => undo?.redo()],
  ]);
}

/** Undo and redo buttons for the header. */
export function UndoRedoButtons() {
  const undo = useSession((state) => state.session?.undo);
  const { canUndo, canRedo } = useUndoState(undo);
  const mod = /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl+';
  return (
    <Group gap={4} ml="auto">
      <Tooltip label={`Undo (${mod}Z)`}>
        <ActionIcon variant="subtle" color="gray" aria-label="Undo" disabled={!canUndo} onClick={() => undo?.undo()}>
          <Undo2 size={18} aria-hidden />
        </ActionIcon>
      </Tooltip>
      <Tooltip label={`Redo (${mod}Shift+Z)`}>
        <ActionIcon variant="subtle" color="gray" aria-label="Redo" disabled={!canRedo} onClick={() => undo?.redo()}>
          <Redo2 size={18} aria-hidden />
        </ActionIcon>
      </Tooltip>
    </Group>
  );
}
