/**
 * Sync through an always-on Yjs relay (issue 8 item 8): a `y-websocket` server the team runs
 * (for example `npx @y/websocket-server`, or its own deployment) keeps a copy of the workspace
 * and passes changes between whoever is connected, so people who are never online at the same
 * time still meet. It runs beside the peer-to-peer sync, on the same document, and never
 * replaces it. Presence travels through the relay in an awareness of its own: y-websocket
 * forgets everyone but this window when its socket drops, which must not hide the people
 * still connected peer to peer.
 *
 * What the relay sees: everything. A y-websocket server merges plain Yjs updates, so it holds a
 * readable copy of the workspace; unlike the signalling server, which only passes encrypted
 * messages. Use a relay you run yourself, over `wss://` beyond the local network. The room
 * on the relay is derived from the workspace id and the invite secret (`relayRoomName`), so
 * it cannot be guessed, and re-keying moves the workspace to a new room.
 *
 * A relay is untrusted input like a peer: every change it sends is checked first
 * (`checkPeerUpdate`); a refused one is dropped and shown as the relay's last error.
 *
 * No React and no DOM here: the tests run it in Node (with `ws` as the global WebSocket)
 * against a real y-websocket server.
 */
import type * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import { WebsocketProvider } from 'y-websocket';
import { parseYWebrtcMessage } from '@shared/sync';
import { checkPeerUpdate } from './yjs-sync-document';

/**
 * The room of a workspace on a Yjs relay (a `y-websocket` server): derived from the workspace
 * id AND the secret, `latitude-` and 64 hex digits of SHA-256. A relay has no password of its
 * own (anyone who names a room may read and write it), so the name is the key: it cannot be
 * guessed from the workspace id, and re-keying the workspace moves it to a new room that a
 * removed person cannot name.
 */
export async function relayRoomName(workspaceId: string, secret: string): Promise<string> {
  const input = new TextEncoder().encode(`latitude relay\u0000${workspaceId}\u0000${secret}`);
  const digest = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', input));
  return `latitude-${Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}

/** The relay's state, for the sync panel. */
export interface RelayState {
  url: string;
  /** `connecting` includes waiting to try again after the relay could not be reached. */
  status: 'connecting' | 'connected' | 'disconnected';
  /** The relay and this device have exchanged their states since the connection opened. */
  synced: boolean;
  /** Why the last connection ended or failed, for a person (null while all is well). */
  lastError: string | null;
}

/** Options of `startRelaySync`. */
export interface RelaySyncOptions {
  doc: Y.Doc;
  workspaceId: string;
  secret: string;
  /** A `ws://` or `wss://` address checked by `parseRelayUrl`. */
  url: string;
  /** What this window shows of itself to the others (see `PresenceState`). */
  presence: Record<string, unknown>;
  /** Told on every change of the state, and after content from the relay was applied. */
  onChange?: () => void;
}

/** A running relay connection. */
export interface RelaySync {
  state(): RelayState;
  /** Presence as the relay tells it (this window included). */
  readonly awareness: Awareness;
  /** Whether an update came from the relay (as opposed to this window or a WebRTC peer). */
  isRelayOrigin(origin: unknown): boolean;
  /** Closes the connection; safe to call twice. */
  stop(): void;
}

/** Connects the workspace's document to a relay; connects again by itself after a drop. */
export function startRelaySync(options: RelaySyncOptions): RelaySync {
  const awareness = new Awareness(options.doc);
  awareness.setLocalState({ ...options.presence });
  awareness.on('change', () => options.onChange?.());
  let provider: WebsocketProvider | null = null;
  let stopped = false;
  let state: RelayState = { url: options.url, status: 'connecting', synced: false, lastError: null };
  const set = (change: Partial<RelayState>) => {
    state = { ...state, ...change };
    options.onChange?.();
  };

  void relayRoomName(options.workspaceId, options.secret).then(
    (room) => {
      if (stopped) return;
      provider = new WebsocketProvider(options.url, room, options.doc, {
        // Another window of this app on the same device has its own copy of the workspace.
        disableBc: true,
        // Ask the relay for anything missed now and then (a change lost to a half-open socket).
        resyncInterval: 60_000,
        awareness,
      });
      // y-websocket's sync message is y-protocols' (as y-webrtc's): check what it would apply.
      const handleSync = provider.messageHandlers[0];
      provider.messageHandlers[0] = (encoder, decoder, ...rest) => {
        const message = parseYWebrtcMessage(decoder.arr);
        if (message.type === 'update' || message.type === 'sync-step-2') {
          try {
            checkPeerUpdate(options.doc, message.update);
          } catch (error) {
            set({
              lastError: `A change from the relay was refused: ${error instanceof Error ? error.message : String(error)}`,
            });
            return;
          }
        }
        handleSync?.(encoder, decoder, ...rest);
      };
      const unreachable = `The relay ${options.url} could not be reached.`;
      let open = false;
      provider.on('status', ({ status }) => {
        open = status === 'connected';
        set(open ? { status, lastError: null } : { status, synced: false });
      });
      provider.on('sync', (synced) => set({ synced }));
      provider.on('connection-error', () => set({ lastError: unreachable }));
      // `null`: closed from this side (stop, or y-websocket's watchdog); it connects again.
      provider.on('connection-close', (event) => {
        if (event === null) return;
        if (!open) set({ lastError: unreachable });
        else if (event.code !== 1000) {
          set({
            lastError: `The relay closed the connection (code ${event.code}${event.reason ? `: ${event.reason}` : ''}).`,
          });
        }
      });
    },
    (error: unknown) =>
      set({ status: 'disconnected', lastError: `The relay room could not be derived: ${String(error)}` }),
  );

  return {
    state: () => state,
    awareness,
    isRelayOrigin: (origin) => provider !== null && origin === provider,
    stop() {
      if (stopped) return;
      stopped = true;
      provider?.disconnect();
      provider?.destroy();
      provider = null;
      awareness.destroy();
      state = { ...state, status: 'disconnected', synced: false };
    },
  };
}
