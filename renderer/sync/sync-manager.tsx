/**
 * Keeps the open workspace's peer-to-peer sync running (issue 8 item 3): for an open TEAM
 * workspace with an invite secret and at least one signalling server, starts the sync,
 * and stops it when the workspace closes (switch, close, re-key, other servers). Personal
 * workspaces never connect. The state goes to the sync store for the UI.
 *
 * A person can pause a workspace's sync on this device (the Sync panel's switch, kept in
 * sync storage): it then stays offline, saying so, until resumed with the same switch;
 * edits made meanwhile stay here and are exchanged on resuming.
 *
 * Presence follows Settings → "Your name" and the current screen. A workspace joined from
 * an invite opens read-only until its content arrives; it is then opened again, so the
 * usual stamping and migration run on what arrived.
 */
import { describeError } from '@shared/errors';
import { useEffect, useRef, useState } from 'react';
import { useLocation } from 'react-router';
import { useLocalUser } from '../domains/use-local-user';
import { usePlatform } from '../platform';
import { useSession, useSessionStoreApi } from '../workspaces/session-store';
import { AWAITING_FIRST_SYNC, isAwaitingFirstSync } from './joined-document';
import { useSyncServices, useSyncState } from './sync-services';
import { offlineSnapshot, presenceColour, type WorkspaceSync } from './workspace-sync';

/** Why a workspace does not sync, in words for a person. */
export const OFFLINE_REASONS = {
  noWorkspace: 'No workspace is open.',
  personal: 'Personal workspaces stay on this device and never connect.',
  noSecret: 'This device has no invite secret for this workspace: join it again from an invite.',
  noServers:
    'No signalling server or relay is set. Add a server in Settings → Sync, host one from this panel (desktop app), set a relay below, or join from an invite that names one.',
  paused:
    'Paused on this device. Your changes are kept here and exchanged with the others when you resume sync in this panel.',
} as const;

/** How this device reaches the signalling server it hosts. */
export function ownServerUrl(port: number): string {
  return `ws://127.0.0.1:${port}`;
}

/** Renders nothing; runs the workspace's sync. */
export function WorkspaceSyncManager() {
  const services = useSyncServices();
  const { storage, store, startSync, now } = services;
  const session = useSession((state) => state.session);
  const sessions = useSessionStoreApi();
  const hostedUrl = useSyncState((state) => state.hostedUrl);
  const typing = useSyncState((state) => state.typing);
  const { userId, name } = useLocalUser();
  const screen = useLocation().pathname;
  const [version, setVersion] = useState(0);
  const running = useRef<WorkspaceSync | null>(null);
  /** Stopping a sync must finish before the next opens the same room (y-webrtc allows one per room). */
  const stopping = useRef<Promise<void>>(Promise.resolve());
  const presence = useRef({ name, screen, userId, typing });

  useEffect(() => storage.subscribe(() => setVersion((value) => value + 1)), [storage]);

  useEffect(() => {
    const setOffline = (reason: string) =>
      store.setState({ snapshot: offlineSnapshot(reason), workspaceId: session?.workspace.id ?? null });
    if (session === null) return setOffline(OFFLINE_REASONS.noWorkspace);
    if (session.workspace.kind !== 'team') return setOffline(OFFLINE_REASONS.personal);
    let cancelled = false;
    let sync: WorkspaceSync | null = null;
    let reopening = false;
    const stop = () => {
      cancelled = true;
      if (sync === null) return;
      const current = sync;
      sync = null;
      if (running.current === current) running.current = null;
      stopping.current = stopping.current.then(() => current.stop()).catch(() => undefined);
    };
    const removeCloseListener = session.onClose(async () => {
      stop();
      await stopping.current;
    });
    const workspace = session.workspace;
    void (async () => {
      try {
        const [secret, configured, stunUrls, paused, relayUrl] = await Promise.all([
          storage.getInviteSecret(workspace.id),
          storage.readSignallingUrls(),
          storage.readStunUrls(),
          storage.isSyncPaused(workspace.id),
          storage.getRelayUrl(workspace.id),
        ]);
        await stopping.current;
        if (cancelled) return;
        const signallingUrls = [...new Set([...(hostedUrl ? [hostedUrl] : []), ...configured])];
        if (paused) return setOffline(OFFLINE_REASONS.paused);
        if (secret === null) return setOffline(OFFLINE_REASONS.noSecret);
        if (signallingUrls.length === 0 && relayUrl === null) return setOffline(OFFLINE_REASONS.noServers);
        const me = presence.current;
        sync = startSync({
          doc: session.doc,
          workspaceId: workspace.id,
          secret,
          signallingUrls,
          relayUrl,
          iceServers: stunUrls.map((url) => ({ urls: url })),
          presence: {
            name: me.name,
            screen: me.screen,
            colour: presenceColour(me.userId ?? me.name),
            typing: me.typing,
          },
          now,
          onChange: (snapshot) => {
            if (!cancelled) store.setState({ snapshot, workspaceId: workspace.id });
          },
          onRemoteChange: () => {
            if (reopening || session.readOnly !== AWAITING_FIRST_SYNC || isAwaitingFirstSync(session.doc)) return;
            // The first content of a joined workspace arrived: open it again, for editing.
            reopening = true;
            void (async () => {
              await sessions.getState().ensureOpen(null);
              await sessions.getState().ensureOpen(workspace);
            })();
          },
        });
        running.current = sync;
        store.setState({ snapshot: sync.snapshot(), workspaceId: workspace.id });
      } catch (error) {
        setOffline(`Sync could not start: ${describeError(error)}`);
      }
    })();
    return () => {
      stop();
      removeCloseListener();
    };
  }, [session, storage, store, startSync, now, sessions, hostedUrl, version]);

  useEffect(() => {
    presence.current = { name, screen, userId, typing };
    running.current?.setPresence({ name, screen, colour: presenceColour(userId ?? name), typing });
  }, [name, screen, userId, typing]);

  // This device's own server, when it already runs (started from an earlier window).
  const host = usePlatform().signalling;
  useEffect(() => {
    if (host === null) return;
    let live = true;
    host.status().then(
      (status) => {
        if (live && status.running && status.port !== null) store.setState({ hostedUrl: ownServerUrl(status.port) });
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [host, store]);

  return null;
}
