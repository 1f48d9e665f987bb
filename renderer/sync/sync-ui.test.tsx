/**
 * The sync UI with a fake provider: the manager starts and stops the sync with the session
 * (only for team workspaces with a secret and a server), the header shows the status and
 * who is here, the panel shows peers, servers and progress, its switch pauses and resumes
 * the sync on this device, and the invite, join and change-secret dialogs do what they say.
 */
import { MantineProvider } from '@mantine/core';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { decodeInvite, encodeInvite } from '@shared/invite';
import type { WorkspaceMeta } from '@shared/workspace/workspace-meta';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { createMemorySnapshotStore } from '../data/persistence/snapshots';
import { createMemoryUpdateLog } from '../data/persistence/update-log';
import { createMemoryLocalNameStorage, LocalNameStorageContext } from '../domains/use-local-user';
import { PlatformContext } from '../platform';
import { createFakePlatform } from '../test-support';
import { loadDocumentCopy } from '../workspaces/backup-service';
import { WorkspaceSessionManager } from '../workspaces/session-manager';
import { createSessionStore, SessionStoreContext } from '../workspaces/session-store';
import { openWorkspaceSession, writeStoredDocument } from '../workspaces/workspace-session';
import { createMemoryWorkspaceRegistry } from '../workspaces/workspace-registry';
import { createWorkspaceStore, WorkspaceStoreContext } from '../workspaces/workspace-store';
import { OFFLINE_REASONS, WorkspaceSyncManager } from './sync-manager';
import { initialsColour, SyncStatusButton } from './sync-panel';
import { createSyncServices, SyncServicesContext } from './sync-services';
import { createMemorySyncStorage, type SyncStorage } from './sync-storage';
import type { SyncSnapshot, WorkspaceSync, WorkspaceSyncOptions } from './workspace-sync';

const SECRET = 'c2VjcmV0LW9mLXRoZS10ZWFtLXdvcmtzcGFjZQ';
const NEW_SECRET = 'bmV3LXNlY3JldC1hZnRlci1yZW1vdmluZy1zb21lb25l';
const team: WorkspaceMeta = {
  id: 'team-1',
  name: 'Platform',
  kind: 'team',
  createdAt: 1,
  updatedAt: 1,
  deletedAt: null,
};
const personal: WorkspaceMeta = {
  id: 'mine',
  name: 'Mine',
  kind: 'personal',
  createdAt: 0,
  updatedAt: 0,
  deletedAt: null,
};

interface FakeSync {
  options: WorkspaceSyncOptions;
  stopped: boolean;
  presence: Partial<WorkspaceSyncOptions['presence']>[];
  emit(snapshot: Partial<SyncSnapshot>): void;
}

function connected(overrides: Partial<SyncSnapshot> = {}): SyncSnapshot {
  return {
    state: 'connected',
    offlineReason: null,
    peers: [],
    connectedPeers: 0,
    signalling: [{ url: 'ws://192.168.1.20:4444', status: 'connected' }],
    relay: null,
    lastSyncedAt: null,
    problems: [],
    presence: [],
    ...overrides,
  };
}

function setUp(workspaces: WorkspaceMeta[], storage: SyncStorage) {
  const log = createMemoryUpdateLog();
  const registry = createMemoryWorkspaceRegistry(workspaces, log);
  let id = 0;
  const newId = () => `id-${++id}`;
  const now = () => 1_700_000_000_000;
  const workspaceStore = createWorkspaceStore({ registry, newId, now });
  const snapshots = createMemorySnapshotStore();
  const sessionStore = createSessionStore(
    (workspace) =>
      openWorkspaceSession(workspace, { log, snapshots, userId: 'me', now, newId, onSaveError: () => undefined }),
    (workspaceId) => loadDocumentCopy(log, workspaceId),
    (workspaceId, write) => writeStoredDocument(log, workspaceId, { userId: 'me', now, newId }, write),
  );
  const syncs: FakeSync[] = [];
  const services = createSyncServices({
    storage,
    now,
    newSecret: () => NEW_SECRET,
    startSync(options): WorkspaceSync {
      const fake: FakeSync = {
        options,
        stopped: false,
        presence: [],
        emit: (snapshot) => act(() => options.onChange?.(connected(snapshot))),
      };
      syncs.push(fake);
      return {
        snapshot: () => ({ ...connected(), state: 'connecting', signalling: [] }),
        setPresence: (presence) => fake.presence.push(presence),
        stop: () => {
          fake.stopped = true;
          return Promise.resolve();
        },
      };
    },
  });
  void workspaceStore.getState().load();
  render(
    <MantineProvider>
      <PlatformContext.Provider value={createFakePlatform()}>
        <WorkspaceStoreContext.Provider value={workspaceStore}>
          <SessionStoreContext.Provider value={sessionStore}>
            <LocalNameStorageContext.Provider value={createMemoryLocalNameStorage('Dana Ruiz')}>
              <SyncServicesContext.Provider value={services}>
                <MemoryRouter initialEntries={['/decisions']}>
                  <WorkspaceSessionManager />
                  <WorkspaceSyncManager />
                  <SyncStatusButton />
                </MemoryRouter>
              </SyncServicesContext.Provider>
            </LocalNameStorageContext.Provider>
          </SessionStoreContext.Provider>
        </WorkspaceStoreContext.Provider>
      </PlatformContext.Provider>
    </MantineProvider>,
  );
  return { syncs, workspaceStore, sessionStore, storage, store: services.store };
}

const statusButton = (name: RegExp) => screen.findByRole('button', { name });

describe('the sync status and panel', () => {
  it('syncs an open team workspace and shows its status, the people here, peers, servers and progress', async () => {
    const storage = createMemorySyncStorage({
      signallingUrls: ['ws://192.168.1.20:4444'],
      secrets: { [team.id]: SECRET },
    });
    const { syncs } = setUp([team], storage);
    await statusButton(/Sync: Connecting…/);
    const [sync] = syncs;
    expect(syncs).toHaveLength(1);
    expect(sync?.options).toMatchObject({
      workspaceId: team.id,
      secret: SECRET,
      signallingUrls: ['ws://192.168.1.20:4444'],
      iceServers: [],
      presence: { name: 'Dana Ruiz', screen: '/decisions' },
    });

    sync?.emit({
      connectedPeers: 2,
      lastSyncedAt: 1_700_000_000_000,
      peers: [
        { peerId: 'aaaaaaaa-1', status: 'synced', progress: null, speaksLatitude: true, lastError: null },
        {
          peerId: 'bbbbbbbb-2',
          status: 'syncing',
          progress: { receivedBytes: 2 * 1024 * 1024, totalBytes: 5 * 1024 * 1024 },
          speaksLatitude: true,
          lastError: null,
        },
      ],
      presence: [
        { clientId: 1, name: 'Dana Ruiz', colour: '#1971c2', screen: '/decisions', typing: null, local: true },
        { clientId: 2, name: 'Sam Lee', colour: '#e03131', screen: '/domains', typing: null, local: false },
      ],
    });
    const button = await statusButton(/Sync: Connected with 2 peers/);
    expect(screen.getByLabelText('Here now: Sam Lee')).toBeInTheDocument();

    await userEvent.click(button);
    const panel = await screen.findByRole('dialog', { name: 'Sync' });
    expect(within(panel).getByText('Receiving the workspace: 2.0 MB of 5.0 MB')).toBeInTheDocument();
    expect(within(panel).getByRole('progressbar', { name: 'First sync progress' })).toBeInTheDocument();
    const peers = within(panel).getByRole('table', { name: 'Peers' });
    expect(within(peers).getByText('aaaaaaaa')).toBeInTheDocument();
    expect(within(peers).getByText('Syncing')).toBeInTheDocument();
    expect(within(panel).getByText('ws://192.168.1.20:4444')).toBeInTheDocument();
    expect(within(panel).getByText(/Sam Lee — on \/domains/)).toBeInTheDocument();
    expect(within(panel).getByText(/Hosting needs the desktop app/)).toBeInTheDocument();
  });

  it('tells the others what the local person is typing in, and stops telling', async () => {
    const storage = createMemorySyncStorage({
      signallingUrls: ['ws://192.168.1.20:4444'],
      secrets: { [team.id]: SECRET },
    });
    const { syncs, store } = setUp([team], storage);
    await statusButton(/Sync: Connecting…/);
    const [sync] = syncs;
    expect(sync?.options.presence.typing).toBeNull();
    act(() => store.setState({ typing: 'review:r1:support-needs' }));
    expect(sync?.presence.at(-1)).toMatchObject({ typing: 'review:r1:support-needs', name: 'Dana Ruiz' });
    act(() => store.setState({ typing: null }));
    expect(sync?.presence.at(-1)).toMatchObject({ typing: null });
  });

  it('never connects a personal workspace', async () => {
    const storage = createMemorySyncStorage({ signallingUrls: ['ws://192.168.1.20:4444'] });
    const { syncs } = setUp([personal], storage);
    await userEvent.click(await statusButton(/Sync: Offline/));
    expect(await screen.findByText(OFFLINE_REASONS.personal)).toBeInTheDocument();
    expect(syncs).toHaveLength(0);
  });

  it('stays offline, and says why, without a signalling server', async () => {
    const { syncs } = setUp([team], createMemorySyncStorage({ secrets: { [team.id]: SECRET } }));
    await userEvent.click(await statusButton(/Sync: Offline/));
    expect(await screen.findByText(OFFLINE_REASONS.noServers)).toBeInTheDocument();
    expect(syncs).toHaveLength(0);
  });

  it('stops the sync before the workspace closes', async () => {
    const storage = createMemorySyncStorage({ signallingUrls: ['ws://10.0.0.1:4444'], secrets: { [team.id]: SECRET } });
    const later = { ...personal, createdAt: 5 };
    const { syncs, sessionStore } = setUp([team, later], storage);
    await statusButton(/Sync: Connecting…/);
    const session = sessionStore.getState().session;
    let stoppedBeforeDestroy: boolean | null = null;
    session?.doc.on('destroy', () => (stoppedBeforeDestroy = syncs[0]?.stopped ?? false));
    await act(() => sessionStore.getState().ensureOpen(later));
    expect(stoppedBeforeDestroy).toBe(true);
    await statusButton(/Sync: Offline/);
  });
});

describe('presence avatars', () => {
  it('write initials in white or black, whichever reads at 4.5:1 or better on the colour', () => {
    expect(initialsColour('#f08c00')).toBe('#000000');
    expect(initialsColour('#2f9e44')).toBe('#000000');
    expect(initialsColour('#1971c2')).toBe('#ffffff');
    expect(initialsColour('#9c36b5')).toBe('#ffffff');
    expect(initialsColour('not a colour')).toBe('#ffffff');
  });
});

describe('pausing sync on this device', () => {
  it('stops the sync when paused, says so, remembers it, and starts again when resumed', async () => {
    const storage = createMemorySyncStorage({
      signallingUrls: ['ws://192.168.1.20:4444'],
      secrets: { [team.id]: SECRET },
    });
    const { syncs } = setUp([team], storage);
    await userEvent.click(await statusButton(/Sync: Connecting…/));
    const panel = await screen.findByRole('dialog', { name: 'Sync' });
    const toggle = within(panel).getByRole('switch', { name: 'Pause sync on this device' });
    await waitFor(() => expect(toggle).toBeEnabled());
    expect(toggle).not.toBeChecked();

    await userEvent.click(toggle);
    await waitFor(() => expect(syncs[0]?.stopped).toBe(true));
    expect(toggle).toBeChecked();
    expect(await storage.isSyncPaused(team.id)).toBe(true);
    expect(await within(panel).findByText(OFFLINE_REASONS.paused)).toBeInTheDocument();
    expect(within(panel).getByRole('heading', { name: 'Offline (paused)' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Sync: Offline (paused). Open the Sync panel' })).toBeInTheDocument();
    expect(syncs).toHaveLength(1);

    await userEvent.click(toggle);
    await waitFor(() => expect(syncs).toHaveLength(2));
    expect(toggle).not.toBeChecked();
    expect(await storage.isSyncPaused(team.id)).toBe(false);
    expect(syncs[1]?.stopped).toBe(false);
    expect(syncs[1]?.options).toMatchObject({ workspaceId: team.id, secret: SECRET });
    await statusButton(/Sync: Connecting…/);
    expect(within(panel).queryByText(OFFLINE_REASONS.paused)).not.toBeInTheDocument();
  });

  it('keeps a workspace paused earlier offline when it opens, with the switch on', async () => {
    const storage = createMemorySyncStorage({
      signallingUrls: ['ws://192.168.1.20:4444'],
      secrets: { [team.id]: SECRET },
      pausedWorkspaceIds: [team.id],
    });
    const { syncs } = setUp([team], storage);
    await userEvent.click(await statusButton(/Sync: Offline \(paused\)/));
    const panel = await screen.findByRole('dialog', { name: 'Sync' });
    expect(await within(panel).findByText(OFFLINE_REASONS.paused)).toBeInTheDocument();
    const toggle = within(panel).getByRole('switch', { name: 'Pause sync on this device' });
    await waitFor(() => expect(toggle).toBeChecked());
    expect(syncs).toHaveLength(0);
  });

  it('offers no switch for a personal workspace', async () => {
    const storage = createMemorySyncStorage({ signallingUrls: ['ws://192.168.1.20:4444'] });
    setUp([personal], storage);
    await userEvent.click(await statusButton(/Sync: Offline/));
    const panel = await screen.findByRole('dialog', { name: 'Sync' });
    expect(await within(panel).findByText(OFFLINE_REASONS.personal)).toBeInTheDocument();
    expect(within(panel).queryByRole('switch')).not.toBeInTheDocument();
  });
});

describe('an always-on relay', () => {
  it('is set, checked, used, named in invites and removed from the panel', async () => {
    const storage = createMemorySyncStorage({ secrets: { [team.id]: SECRET } });
    const { syncs } = setUp([team], storage);
    // Without a signalling server or relay the workspace stays offline.
    await userEvent.click(await statusButton(/Sync: Offline/));
    const panel = await screen.findByRole('dialog', { name: 'Sync' });
    const address = within(panel).getByRole('textbox', { name: 'Relay address' });
    await userEvent.type(address, 'https://relay.example.org');
    await userEvent.click(within(panel).getByRole('button', { name: 'Use relay' }));
    expect(
      await within(panel).findByText('“https://relay.example.org” must start with ws:// or wss://.'),
    ).toBeVisible();
    expect(await storage.getRelayUrl(team.id)).toBeNull();

    await userEvent.clear(address);
    await userEvent.type(address, 'wss://relay.example.org/');
    await userEvent.click(within(panel).getByRole('button', { name: 'Use relay' }));
    await waitFor(() => expect(syncs).toHaveLength(1));
    expect(await storage.getRelayUrl(team.id)).toBe('wss://relay.example.org');
    expect(syncs[0]?.options).toMatchObject({ relayUrl: 'wss://relay.example.org', signallingUrls: [] });

    syncs[0]?.emit({
      signalling: [],
      relay: { url: 'wss://relay.example.org', status: 'connected', synced: true, lastError: null },
    });
    expect(await within(panel).findByText(/connected, up to date/)).toBeInTheDocument();

    await userEvent.click(within(panel).getByRole('button', { name: 'Invite…' }));
    const invite = await screen.findByRole('dialog', { name: 'Invite to “Platform”' });
    const link = await within(invite).findByRole<HTMLTextAreaElement>('textbox', { name: 'Invite link' });
    const decoded = decodeInvite(link.value);
    expect(decoded.ok && decoded.invite.relayUrl).toBe('wss://relay.example.org');
    expect(within(invite).queryByText('No signalling server')).toBeNull();
    await userEvent.click(within(invite).getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Invite to “Platform”' })).toBeNull());

    await userEvent.click(within(panel).getByRole('button', { name: 'Stop using relay' }));
    await waitFor(() => expect(syncs[0]?.stopped).toBe(true));
    expect(await storage.getRelayUrl(team.id)).toBeNull();
    expect(await screen.findByText(OFFLINE_REASONS.noServers)).toBeInTheDocument();
  });
});

describe('inviting, joining and changing the secret', () => {
  it('makes an invite with the secret and servers, and a QR code', async () => {
    const storage = createMemorySyncStorage({
      signallingUrls: ['ws://192.168.1.20:4444'],
      secrets: { [team.id]: SECRET },
    });
    setUp([team], storage);
    await userEvent.click(await statusButton(/Sync:/));
    await userEvent.click(await screen.findByRole('button', { name: 'Invite…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Invite to “Platform”' });
    const link = await within(dialog).findByRole<HTMLTextAreaElement>('textbox', { name: 'Invite link' });
    expect(decodeInvite(link.value)).toEqual({
      ok: true,
      invite: {
        workspaceId: team.id,
        secret: SECRET,
        workspaceName: 'Platform',
        signallingUrls: ['ws://192.168.1.20:4444'],
        relayUrl: null,
      },
    });
    const qr = within(dialog).getByRole('img', { name: 'QR code of the invite link' });
    expect(qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
  });

  it('joins from a pasted link after refusing a foreign one', async () => {
    const storage = createMemorySyncStorage({ signallingUrls: ['ws://10.0.0.9:4444'] });
    const { workspaceStore } = setUp([personal], storage);
    await userEvent.click(await statusButton(/Sync:/));
    await userEvent.click(await screen.findByRole('button', { name: 'Join a workspace…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Join a team workspace' });
    const input = within(dialog).getByRole('textbox', { name: /Invite link/ });
    await userEvent.type(input, 'https://example.org/');
    expect(within(dialog).getByText(/not a Latitude invite/)).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Join' })).toBeDisabled();

    await userEvent.clear(input);
    const link = encodeInvite({
      workspaceId: 'joined-1',
      secret: SECRET,
      workspaceName: 'Ops',
      signallingUrls: ['ws://192.168.1.20:4444'],
      relayUrl: 'wss://relay.example.org',
    });
    await userEvent.click(input);
    await userEvent.paste(link);
    expect(within(dialog).getByText(/You will join “Ops”/)).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Join' }));

    await waitFor(() => expect(workspaceStore.getState().activeId).toBe('joined-1'));
    expect(workspaceStore.getState().workspaces.find((w) => w.id === 'joined-1')).toMatchObject({
      name: 'Ops',
      kind: 'team',
    });
    expect(await storage.getInviteSecret('joined-1')).toBe(SECRET);
    expect(await storage.readSignallingUrls()).toEqual(['ws://192.168.1.20:4444', 'ws://10.0.0.9:4444']);
    expect(await storage.getRelayUrl('joined-1')).toBe('wss://relay.example.org');
  });

  it('changes the invite secret and reconnects with the new one', async () => {
    const storage = createMemorySyncStorage({ signallingUrls: ['ws://10.0.0.1:4444'], secrets: { [team.id]: SECRET } });
    const { syncs } = setUp([team], storage);
    await userEvent.click(await statusButton(/Sync:/));
    await userEvent.click(await screen.findByRole('button', { name: 'Change invite secret…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Change the invite secret' });
    expect(within(dialog).getByText(/Every older invite stops working/)).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Change secret' }));

    await waitFor(() => expect(syncs.map((sync) => sync.options.secret)).toEqual([SECRET, NEW_SECRET]));
    expect(syncs[0]?.stopped).toBe(true);
    expect(await storage.getInviteSecret(team.id)).toBe(NEW_SECRET);
    // The new invite is shown straight away, to send to the people who stay.
    const invite = await screen.findByRole('dialog', { name: 'Invite to “Platform”' });
    const link = await within(invite).findByRole<HTMLTextAreaElement>('textbox', { name: 'Invite link' });
    expect(decodeInvite(link.value)).toMatchObject({ ok: true, invite: { secret: NEW_SECRET } });
  });
});
