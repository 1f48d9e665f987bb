/**
 * "Who is typing" (issue 8 item 4: in a review, who is typing): a field tells the others, through
 * presence, that the local person is writing in it, and shows who else is. The local person's
 * typing goes to the sync store (the sync manager puts it into presence); it ends after
 * `TYPING_IDLE_MS` without a keystroke, when the field says so (sent, emptied, made anonymous)
 * and when the field goes away.
 */
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useSyncServices, useSyncState } from './sync-services';

/** Quiet time after which a person no longer counts as typing. */
export const TYPING_IDLE_MS = 4_000;

/** The typing key of a field: what it is about, e.g. `typingKey('review', id, topic)`. */
export function typingKey(...parts: string[]): string {
  return parts.join(':').slice(0, 200);
}

/** "Ana is typing…", "Ana and Ben are typing…", "Ana, Ben and 2 others are typing…". */
export function describeTyping(names: readonly string[]): string {
  if (names.length === 0) return '';
  if (names.length === 1) return `${names[0]} is typing…`;
  if (names.length === 2) return `${names[0]} and ${names[1]} are typing…`;
  if (names.length === 3) return `${names[0]}, ${names[1]} and ${names[2]} are typing…`;
  return `${names[0]}, ${names[1]} and ${names.length - 2} others are typing…`;
}

/** For the field of `key`: who else is typing in it, and `typing(active)` to say whether you are. */
export function useTyping(key: string): { others: string[]; typing: (active: boolean) => void } {
  const { store } = useSyncServices();
  const presence = useSyncState((state) => state.snapshot.presence);
  const idle = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const stop = useCallback(() => {
    clearTimeout(idle.current);
    idle.current = undefined;
    if (store.getState().typing === key) store.setState({ typing: null });
  }, [store, key]);

  const typing = useCallback(
    (active: boolean) => {
      if (!active) return stop();
      if (store.getState().typing !== key) store.setState({ typing: key });
      clearTimeout(idle.current);
      idle.current = setTimeout(stop, TYPING_IDLE_MS);
    },
    [store, key, stop],
  );

  useEffect(() => stop, [stop]);

  const others = useMemo(
    () =>
      presence
        .filter((person) => !person.local && person.typing === key)
        .map((person) => person.name)
        .sort((a, b) => a.localeCompare(b)),
    [presence, key],
  );
  return { others, typing };
}
