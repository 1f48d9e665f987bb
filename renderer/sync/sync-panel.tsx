/**
 * Sync, always visible (issue 8 items 2, 4 and 5): a status button in the header (offline /
 * paused / connecting / connected with N peers) with the avatars of the people here, and the
 * Sync panel it opens: last sync and first-sync progress, problems, a switch that pauses a
 * team workspace's sync on this device (work offline), sharing (invite, join,
 * change secret), the people here and what they look at, peers, signalling servers, the
 * workspace's relay, and hosting a signalling server on the LAN (desktop app only).
 */
import { describeError } from '@shared/errors';
import {
  Alert,
  Avatar,
  Badge,
  Button,
  Code,
  Drawer,
  Group,
  List,
  Progress,
  Stack,
  Switch,
  Table,
  Text,
  Title,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import type { SignallingStatus } from '../platform/platform';
import { usePlatform } from '../platform';
import { useSession } from '../workspaces/session-store';
import { ChangeSecretDialog, InviteDialog, JoinDialog } from './invite-dialogs';
import { RelaySection } from './relay-section';
import { OFFLINE_REASONS, ownServerUrl } from './sync-manager';
import { useSyncServices, useSyncState } from './sync-services';
import type { PeerPresence, SyncSnapshot } from './workspace-sync';
import { ErrorAlert } from '../components/form-parts';

/** True when the snapshot is of a workspace whose sync a person paused on this device. */
export function isPaused(snapshot: SyncSnapshot): boolean {
  return snapshot.state === 'offline' && snapshot.offlineReason === OFFLINE_REASONS.paused;
}

/** The status in a few words, as the header shows it. */
export function describeStatus(snapshot: SyncSnapshot): string {
  if (isPaused(snapshot)) return 'Offline (paused)';
  if (snapshot.state === 'offline') return 'Offline';
  if (snapshot.state === 'connecting') return 'Connecting…';
  const peers = snapshot.connectedPeers;
  return peers === 0 ? 'Connected, no one else here' : `Connected with ${peers} ${peers === 1 ? 'peer' : 'peers'}`;
}

const stateColour = { offline: 'gray', connecting: 'yellow', connected: 'green' } as const;

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

function initials(name: string): string {
  const letters = name
    .split(/\s+/)
    .filter((part) => part !== '')
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase() ?? '');
  return letters.join('') || '?';
}

/** Relative luminance of a `#rrggbb` colour (WCAG 2). */
function luminance(hex: string): number {
  const channels = [1, 3, 5].map((at) => Number.parseInt(hex.slice(at, at + 2), 16) / 255);
  const [r = 0, g = 0, b = 0] = channels.map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/**
 * White or black, whichever reads better on `background` (a `#rrggbb` presence colour): white
 * falls short of 4.5:1 on some of them (green, orange), black on others (blue, purple).
 */
export function initialsColour(background: string): '#ffffff' | '#000000' {
  if (!/^#[0-9a-f]{6}$/i.test(background)) return '#ffffff';
  const light = luminance(background);
  return 1.05 / (light + 0.05) >= (light + 0.05) / 0.05 ? '#ffffff' : '#000000';
}

/** The people in the workspace now, as small avatars. */
export function PresenceAvatars({ people }: { people: readonly PeerPresence[] }) {
  if (people.length === 0) return null;
  return (
    <Tooltip.Group>
      <Avatar.Group
        spacing="xs"
        role="img"
        aria-label={`Here now: ${people.map((p) => (p.local ? `${p.name} (you)` : p.name)).join(', ')}`}
      >
        {people.slice(0, 5).map((person) => (
          <Tooltip key={person.clientId} label={`${person.name}${person.local ? ' (you)' : ''} — ${person.screen}`}>
            <Avatar
              size="sm"
              radius="xl"
              color={person.colour}
              variant="filled"
              styles={{ placeholder: { color: initialsColour(person.colour) } }}
              aria-hidden
            >
              {initials(person.name)}
            </Avatar>
          </Tooltip>
        ))}
        {people.length > 5 ? (
          <Avatar size="sm" radius="xl" aria-hidden>
            +{people.length - 5}
          </Avatar>
        ) : null}
      </Avatar.Group>
    </Tooltip.Group>
  );
}

/** The header's sync status; opens the Sync panel. */
export function SyncStatusButton() {
  const snapshot = useSyncState((state) => state.snapshot);
  const [opened, setOpened] = useState(false);
  const others = snapshot.presence.filter((person) => !person.local);
  return (
    <>
      <Group gap="xs" wrap="nowrap">
        <PresenceAvatars people={others} />
        <UnstyledButton
          onClick={() => setOpened(true)}
          aria-label={`Sync: ${describeStatus(snapshot)}. Open the Sync panel`}
        >
          <Badge
            variant="dot"
            color={isPaused(snapshot) ? 'orange' : stateColour[snapshot.state]}
            size="lg"
            tt="none"
            styles={{ root: { cursor: 'pointer' } }}
          >
            {describeStatus(snapshot)}
          </Badge>
        </UnstyledButton>
      </Group>
      <SyncPanel opened={opened} onClose={() => setOpened(false)} />
    </>
  );
}

/**
 * "Pause sync on this device": a facilitator working offline on purpose (a workshop without
 * the others, a train). Remembered per workspace on this device until switched off again.
 */
function PauseSyncSwitch({ workspaceId }: { workspaceId: string }) {
  const { storage } = useSyncServices();
  const [paused, setPaused] = useState<boolean | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    const read = () => {
      storage.isSyncPaused(workspaceId).then(
        (value) => live && setPaused(value),
        (reason: unknown) => live && setError(describeError(reason)),
      );
    };
    read();
    const unsubscribe = storage.subscribe(read);
    return () => {
      live = false;
      unsubscribe();
    };
  }, [storage, workspaceId]);
  const change = (next: boolean) => {
    setPaused(next);
    setError(null);
    storage.setSyncPaused(workspaceId, next).catch((reason: unknown) => {
      setPaused(!next);
      setError(describeError(reason));
    });
  };
  return (
    <Stack gap={4} mt="sm">
      <Switch
        label="Pause sync on this device"
        aria-describedby="sync-pause-help"
        checked={paused ?? false}
        disabled={paused === null}
        onChange={(event) => change(event.currentTarget.checked)}
      />
      <Text size="xs" c="dimmed" id="sync-pause-help">
        Work offline: nothing is sent or received for this workspace until you switch this off. Your changes are kept
        and exchanged when you resume.
      </Text>
      <ErrorAlert error={error} />
    </Stack>
  );
}

function HostingSection() {
  const host = usePlatform().signalling;
  const { store } = useSyncServices();
  const [status, setStatus] = useState<SignallingStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (host === null) return;
    let live = true;
    host.status().then(
      (next) => live && setStatus(next),
      (reason: unknown) => live && setError(describeError(reason)),
    );
    return () => {
      live = false;
    };
  }, [host]);
  if (host === null) {
    return (
      <Text size="sm">
        Hosting needs the desktop app. In a browser, use a signalling server someone else hosts (Settings → Sync).
      </Text>
    );
  }
  const run = (action: () => Promise<SignallingStatus>) => {
    setBusy(true);
    action().then(
      (next) => {
        setBusy(false);
        setStatus(next);
        setError(null);
        store.setState({ hostedUrl: next.running && next.port !== null ? ownServerUrl(next.port) : null });
      },
      (reason: unknown) => {
        setBusy(false);
        setError(describeError(reason));
      },
    );
  };
  const running = status?.running ?? false;
  const shared = status?.addresses.filter((address) => address.scope !== 'loopback') ?? [];
  return (
    <Stack gap="xs">
      <Text size="sm">
        This computer can be the meeting point for the team on this network. Others join at one of its addresses
        (invites made while it hosts include them).
      </Text>
      <Group>
        {running ? (
          <Button variant="default" onClick={() => run(() => host.stop())} loading={busy}>
            Stop hosting
          </Button>
        ) : (
          <Button onClick={() => run(() => host.start())} loading={busy}>
            Start hosting
          </Button>
        )}
        <Text size="sm" role="status">
          {running ? `Hosting on port ${status?.port} · ${status?.connections ?? 0} connected` : 'Not hosting.'}
        </Text>
      </Group>
      {running && shared.length > 0 ? (
        <List size="sm" aria-label="Addresses to join">
          {shared.map((address) => (
            <List.Item key={address.url}>
              <Code>{address.url}</Code> {address.interfaceName ? `(${address.interfaceName})` : null}
            </List.Item>
          ))}
        </List>
      ) : null}
      {running && shared.length === 0 ? (
        <Text size="sm">This computer is on no network now: only it can connect.</Text>
      ) : null}
      <ErrorAlert error={error} />
    </Stack>
  );
}

/** The Sync panel. */
export function SyncPanel({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const snapshot = useSyncState((state) => state.snapshot);
  const workspace = useSession((state) => state.session?.workspace ?? null);
  const platform = usePlatform();
  const [dialog, setDialog] = useState<'invite' | 'join' | 'rekey' | null>(null);
  const [hostAddresses, setHostAddresses] = useState<string[]>([]);
  const team = workspace?.kind === 'team' ? workspace : null;
  const progress = snapshot.peers.find((peer) => peer.progress !== null)?.progress ?? null;

  const openInvite = () => {
    const host = platform.signalling;
    if (host === null) {
      setHostAddresses([]);
      setDialog('invite');
      return;
    }
    host.status().then(
      (status) => {
        setHostAddresses(
          status.running ? status.addresses.filter((a) => a.scope !== 'loopback').map((a) => a.url) : [],
        );
        setDialog('invite');
      },
      () => setDialog('invite'),
    );
  };

  return (
    <>
      <Drawer
        opened={opened}
        onClose={onClose}
        title="Sync"
        position="right"
        size="md"
        closeButtonProps={{ 'aria-label': 'Close' }}
      >
        <Stack gap="lg">
          <section aria-labelledby="sync-status-heading">
            <Title order={3} size="h5" id="sync-status-heading" mb={4}>
              {describeStatus(snapshot)}
            </Title>
            {snapshot.offlineReason ? <Text size="sm">{snapshot.offlineReason}</Text> : null}
            <Text size="sm" c="dimmed">
              {snapshot.lastSyncedAt === null
                ? 'Not synced with anyone since this workspace was opened.'
                : `Last synced ${new Date(snapshot.lastSyncedAt).toLocaleString()}.`}
            </Text>
            {progress ? (
              <Stack gap={4} mt="xs">
                <Text size="sm">
                  Receiving the workspace: {formatBytes(progress.receivedBytes)} of {formatBytes(progress.totalBytes)}
                </Text>
                <Progress
                  value={(100 * progress.receivedBytes) / Math.max(1, progress.totalBytes)}
                  aria-label="First sync progress"
                />
              </Stack>
            ) : null}
            {team ? <PauseSyncSwitch workspaceId={team.id} /> : null}
            {snapshot.problems.length > 0 ? (
              <Alert color="orange" title="Problems" mt="xs">
                <List size="sm">
                  {snapshot.problems.map((problem) => (
                    <List.Item key={`${problem.at}-${problem.message}`}>{problem.message}</List.Item>
                  ))}
                </List>
              </Alert>
            ) : null}
          </section>

          <section aria-labelledby="sync-sharing-heading">
            <Title order={3} size="h5" id="sync-sharing-heading" mb={4}>
              Sharing
            </Title>
            {team ? null : (
              <Text size="sm" mb="xs">
                Personal workspaces are never shared. Create a team workspace to work with others.
              </Text>
            )}
            <Group gap="xs">
              {team ? <Button onClick={openInvite}>Invite…</Button> : null}
              <Button variant="default" onClick={() => setDialog('join')}>
                Join a workspace…
              </Button>
              {team ? (
                <Button variant="subtle" color="red" onClick={() => setDialog('rekey')}>
                  Change invite secret…
                </Button>
              ) : null}
            </Group>
          </section>

          {snapshot.presence.length > 0 ? (
            <section aria-labelledby="sync-people-heading">
              <Title order={3} size="h5" id="sync-people-heading" mb={4}>
                Here now
              </Title>
              <List size="sm">
                {snapshot.presence.map((person) => (
                  <List.Item
                    key={person.clientId}
                    icon={<Avatar size={18} radius="xl" color={person.colour} variant="filled" aria-hidden />}
                  >
                    {person.name}
                    {person.local ? ' (you)' : ''} — on {person.screen}
                  </List.Item>
                ))}
              </List>
            </section>
          ) : null}

          {snapshot.state !== 'offline' ? (
            <section aria-labelledby="sync-peers-heading">
              <Title order={3} size="h5" id="sync-peers-heading" mb={4}>
                Peers
              </Title>
              {snapshot.peers.length === 0 ? (
                <Text size="sm">No one else is connected.</Text>
              ) : (
                <Table aria-labelledby="sync-peers-heading">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Peer</Table.Th>
                      <Table.Th>State</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {snapshot.peers.map((peer) => (
                      <Table.Tr key={peer.peerId}>
                        <Table.Td>
                          <Code>{peer.peerId.slice(0, 8)}</Code>
                        </Table.Td>
                        <Table.Td>
                          {peer.status === 'connecting'
                            ? 'Connecting'
                            : peer.status === 'syncing'
                              ? 'Syncing'
                              : 'Synced'}
                          {peer.speaksLatitude ? '' : ' · plain y-webrtc: large changes cannot reach it'}
                          {peer.lastError ? ` · ${peer.lastError}` : ''}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </section>
          ) : null}

          <section aria-labelledby="sync-servers-heading">
            <Title order={3} size="h5" id="sync-servers-heading" mb={4}>
              Signalling servers
            </Title>
            {snapshot.signalling.length === 0 ? (
              <Text size="sm">None in use.</Text>
            ) : (
              <List size="sm">
                {snapshot.signalling.map((server) => (
                  <List.Item key={server.url}>
                    <Code>{server.url}</Code> —{' '}
                    {server.status === 'connected'
                      ? 'connected'
                      : server.status === 'connecting'
                        ? 'connecting…'
                        : 'unreachable, trying again'}
                  </List.Item>
                ))}
              </List>
            )}
            <Text size="sm" mt={4}>
              <Link to="/settings#sync-heading" onClick={onClose}>
                Change signalling servers in Settings
              </Link>
            </Text>
          </section>

          {team ? (
            <section aria-labelledby="sync-relay-heading">
              <Title order={3} size="h5" id="sync-relay-heading" mb={4}>
                Relay
              </Title>
              <RelaySection workspaceId={team.id} relay={snapshot.relay} />
            </section>
          ) : null}

          <section aria-labelledby="sync-hosting-heading">
            <Title order={3} size="h5" id="sync-hosting-heading" mb={4}>
              Host signalling on this network
            </Title>
            <HostingSection />
          </section>
        </Stack>
      </Drawer>
      {team ? (
        <InviteDialog
          workspace={team}
          hostAddresses={hostAddresses}
          opened={dialog === 'invite'}
          onClose={() => setDialog(null)}
        />
      ) : null}
      {team ? (
        <ChangeSecretDialog
          workspace={team}
          opened={dialog === 'rekey'}
          onClose={() => setDialog(null)}
          onChanged={openInvite}
        />
      ) : null}
      <JoinDialog opened={dialog === 'join'} onClose={() => setDialog(null)} />
    </>
  );
}
