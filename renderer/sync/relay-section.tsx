/**
 * The Sync panel's "Relay" section (issue 8 item 8): a team workspace may name an always-on
 * Yjs relay (a `y-websocket` server) to sync through as well (./relay-sync.ts). Shows the
 * relay's state and lets a person set, change or remove it, saying plainly what a relay sees.
 */
import { Button, Code, Group, Stack, Text, TextInput } from '@mantine/core';
import { describeError } from '@shared/errors';
import { parseRelayUrl } from '@shared/invite';
import { useEffect, useState, type FormEvent } from 'react';
import type { RelayState } from './relay-sync';
import { useSyncServices } from './sync-services';
import { ErrorAlert } from '../components/form-parts';

function describeRelay(relay: RelayState): string {
  if (relay.status === 'connected') return relay.synced ? 'connected, up to date' : 'connected, syncing…';
  return relay.status === 'connecting' ? 'connecting…' : 'not connected';
}

/** The relay of `workspaceId`; `relay` is its live state (null while sync does not use one). */
export function RelaySection({ workspaceId, relay }: { workspaceId: string; relay: RelayState | null }) {
  const { storage } = useSyncServices();
  const [saved, setSaved] = useState<string | null | undefined>(undefined);
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    const read = () =>
      storage.getRelayUrl(workspaceId).then(
        (url) => {
          if (!live) return;
          setSaved(url);
          setDraft(url ?? '');
        },
        (reason: unknown) => live && setError(describeError(reason)),
      );
    void read();
    const unsubscribe = storage.subscribe(() => void read());
    return () => {
      live = false;
      unsubscribe();
    };
  }, [storage, workspaceId]);

  const save = (url: string | null) => {
    setBusy(true);
    setError(null);
    storage
      .setRelayUrl(workspaceId, url)
      .catch((reason: unknown) => setError(describeError(reason)))
      .finally(() => setBusy(false));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseRelayUrl(draft);
    if (!parsed.ok) return setError(parsed.reason);
    save(parsed.url);
  };

  return (
    <Stack gap="xs">
      <Text size="sm" c="dimmed">
        An always-on Yjs relay (a y-websocket server your team runs) keeps a copy of this workspace, so people who are
        never online at the same time still get each other’s changes. The relay can read everything in the workspace:
        use only one you trust. Changing the invite secret moves the workspace to a new room on it.
      </Text>
      {saved !== undefined && saved !== null ? (
        <Text size="sm" role="status">
          <Code>{saved}</Code> — {relay !== null && relay.url === saved ? describeRelay(relay) : 'not in use now'}
          {relay?.lastError ? ` · ${relay.lastError}` : ''}
        </Text>
      ) : null}
      <form onSubmit={submit} noValidate>
        <Group align="flex-end" gap="xs">
          <TextInput
            label="Relay address"
            placeholder="wss://relay.example.org"
            value={draft}
            onChange={(event) => {
              setDraft(event.currentTarget.value);
              setError(null);
            }}
            error={error}
            disabled={saved === undefined || busy}
            style={{ flex: 1 }}
          />
          <Button type="submit" variant="default" disabled={saved === undefined || busy}>
            {saved === null || saved === undefined ? 'Use relay' : 'Change'}
          </Button>
          {saved !== null && saved !== undefined ? (
            <Button variant="subtle" color="red" disabled={busy} onClick={() => save(null)}>
              Stop using relay
            </Button>
          ) : null}
        </Group>
      </form>
      <ErrorAlert error={saved === undefined ? error : null} />
    </Stack>
  );
}
