/**
 * peer-sync passing updates on (mechanisms 7 and 9): y-webrtc broadcasts every update of
 * the document to every connection, those that just came from a peer included; peer-sync
 * keeps them from peers that have them already, by the lists of direct connections that
 * Latitude peers send each other (shared/sync/connected-peers.ts).
 *
 * No WebRTC here: the provider, y-webrtc's connections and simple-peer are fakes (y-webrtc's
 * part as in its source: each connection's 'data' handler applies sync messages with the
 * room as origin, and a document 'update' handler sends every update to every connection);
 * the other peers are shared/sync's chunked sync on their own documents.
 */
import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import {
  createChunkedSync,
  createReassembler,
  decodeLatitudeMessage,
  encodeYWebrtcSyncMessage,
  parseYWebrtcMessage,
  type ChunkedSync,
  type LatitudeMessage,
} from '@shared/sync';
import { attachChunkedSync, type AttachedSync, type PeerSyncEvent } from '../../renderer/sync/peer-sync';
import { yjsSyncDocument } from '../../renderer/sync/yjs-sync-document';
import { FakePeer } from './fake-simple-peer';

/** A peer at the other end of one of B's connections. */
interface Remote {
  id: string;
  doc: Y.Doc;
  sync: ChunkedSync;
  peer: FakePeer;
  conn: { remotePeerId: string; peer: FakePeer; connected: boolean; destroy: () => void };
  /** Messages from the remote to B, not delivered yet. */
  outbox: Uint8Array[];
  /** How many of B's messages to it were read. */
  read: number;
  /** y-webrtc updates B sent it, and Latitude messages. */
  updatesFromB: Uint8Array[];
  latitudeFromB: LatitudeMessage[];
  reassembler: ReturnType<typeof createReassembler>;
}

let attached: AttachedSync | null = null;
afterEach(() => {
  attached?.detach();
  attached = null;
});

/** Peer B with peer-sync attached, connected to `ids`, and the peers at the other ends. */
function network(ids: readonly string[], events: PeerSyncEvent[] = []) {
  const doc = new Y.Doc();
  // y-webrtc's Room: the origin of what its own handler applies.
  const room = { peerId: 'B', webrtcConns: new Map<string, Remote['conn']>() };
  const remotes = new Map<string, Remote>();
  for (const id of ids) {
    const peer = new FakePeer();
    const conn = { remotePeerId: id, peer, connected: false, destroy: vi.fn() };
    // y-webrtc's 'data' handler of the connection.
    peer.on('data', (data: Uint8Array) => {
      const message = parseYWebrtcMessage(data);
      if (message.type === 'update' || message.type === 'sync-step-2') Y.applyUpdate(doc, message.update, room);
    });
    room.webrtcConns.set(id, conn);
    const remoteDoc = new Y.Doc();
    const outbox: Uint8Array[] = [];
    const sync = createChunkedSync({
      doc: yjsSyncDocument(remoteDoc),
      send: (message) => {
        outbox.push(message);
        return true;
      },
      now: () => 0,
      origin: 'from-B',
    });
    remotes.set(id, {
      id,
      doc: remoteDoc,
      sync,
      peer,
      conn,
      outbox,
      read: 0,
      updatesFromB: [],
      latitudeFromB: [],
      reassembler: createReassembler({ now: () => 0 }),
    });
  }
  // y-webrtc's `_docUpdateHandler`: every update of the document to every connection.
  doc.on('update', (update: Uint8Array) => {
    for (const conn of room.webrtcConns.values()) conn.peer.send(encodeYWebrtcSyncMessage('update', update));
  });
  const provider = Object.assign(new EventEmitter(), { room });
  Object.assign(provider, { off: provider.removeListener.bind(provider) });
  attached = attachChunkedSync(provider as never, { doc, random: () => 0, onEvent: (event) => events.push(event) });
  provider.emit('peers', { added: [...ids] });

  const remote = (id: string): Remote => remotes.get(id) as Remote;
  /** Delivers everything both ways until all is quiet. */
  const settle = () => {
    for (let moved = true; moved;) {
      moved = false;
      for (const end of remotes.values()) {
        for (const message of end.outbox.splice(0)) {
          moved = true;
          end.peer.emit('data', message);
        }
        for (; end.read < end.peer.sent.length; end.read += 1) {
          moved = true;
          const message = end.peer.sent[end.read] as Uint8Array;
          if (message[0] === 0x64) {
            const result = end.reassembler.accept(message);
            if (result.kind === 'complete') {
              const decoded = decodeLatitudeMessage(result.payload);
              if (decoded.ok) end.latitudeFromB.push(decoded.message);
            }
          }
          if (end.sync.receive(message)) continue;
          const parsed = parseYWebrtcMessage(message);
          if (parsed.type === 'update') {
            end.updatesFromB.push(parsed.update);
            Y.applyUpdate(end.doc, parsed.update, 'from-B');
          }
        }
      }
    }
  };
  /** Opens every connection as simple-peer reports it, and syncs. */
  const connectAll = () => {
    for (const end of remotes.values()) {
      end.sync.onConnect();
      end.peer.emit('connect');
      end.conn.connected = true;
    }
    settle();
  };
  /** A remote's change, sent to B as its y-webrtc would. */
  const editAt = (id: string, change: (doc: Y.Doc) => void) => {
    const end = remote(id);
    const updates: Uint8Array[] = [];
    const collect = (update: Uint8Array) => updates.push(update);
    end.doc.on('update', collect);
    change(end.doc);
    end.doc.off('update', collect);
    for (const update of updates) end.sync.sendYWebrtcMessage(encodeYWebrtcSyncMessage('update', update));
  };
  return { doc, room, remote, settle, connectAll, editAt };
}

const title = (doc: Y.Doc): unknown => doc.getMap('decision').get('title');
const setTitle = (value: string) => (doc: Y.Doc) => doc.getMap('decision').set('title', value);

describe('peer-sync checking what y-webrtc applies itself', () => {
  it('refuses a damaged small update from a peer, reports it, and keeps the document as it was', () => {
    const events: PeerSyncEvent[] = [];
    const net = network(['A'], events);
    net.connectAll();
    net.editAt('A', setTitle('Before'));
    net.settle();
    const before = Y.encodeStateAsUpdate(net.doc);
    const a = net.remote('A');
    const stateVector = Y.encodeStateVector(a.doc);
    setTitle('Damaged')(a.doc);
    const update = Y.encodeStateAsUpdate(a.doc, stateVector);
    a.sync.sendYWebrtcMessage(encodeYWebrtcSyncMessage('update', update.subarray(0, update.byteLength - 3)));
    net.settle();
    expect(Y.encodeStateAsUpdate(net.doc)).toEqual(before);
    expect(title(net.doc)).toBe('Before');
    const refused = events.flatMap((event) =>
      event.kind === 'sync' && event.event.kind === 'error' ? [event.event] : [],
    );
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ reason: 'malformed-update' });
    expect(refused[0]?.message).toMatch(/^A change from a peer was refused: /);
    // The good one still goes in.
    a.sync.sendYWebrtcMessage(encodeYWebrtcSyncMessage('update', update));
    net.settle();
    expect(title(net.doc)).toBe('Damaged');
  });
});

describe('peer-sync passing updates on', () => {
  it('tells each peer whom else it is connected to, once synced with peers that take lists', () => {
    const net = network(['A', 'C']);
    net.connectAll();
    const lists = (id: string) => net.remote(id).latitudeFromB.filter((message) => message.kind === 'connected-peers');
    expect(lists('A')).toEqual([{ kind: 'connected-peers', list: { sequence: 1, peers: ['C'] } }]);
    expect(lists('C')).toEqual([{ kind: 'connected-peers', list: { sequence: 1, peers: ['A'] } }]);
    // C goes: A hears that B is connected to nobody else.
    net.remote('C').peer.emit('close');
    net.settle();
    expect(lists('A').at(-1)).toEqual({ kind: 'connected-peers', list: { sequence: 2, peers: [] } });
  });

  it('passes nothing on in a full mesh: A sends to C itself', () => {
    const net = network(['A', 'C']);
    net.connectAll();
    net.remote('A').sync.advertiseConnectedPeers(['C']);
    net.remote('C').sync.advertiseConnectedPeers(['A']);
    net.settle();
    net.editAt('A', setTitle('From A'));
    net.settle();
    expect(title(net.doc)).toBe('From A');
    expect(net.remote('C').updatesFromB).toEqual([]);
    expect(net.remote('A').updatesFromB).toEqual([]);
    // An update too large for one y-webrtc message comes as a chunked UPDATE: the same.
    net.remote('A').sync.sendUpdate(
      (() => {
        const before = Y.encodeStateVector(net.remote('A').doc);
        net.remote('A').doc.getMap('decision').set('context', 'x'.repeat(200_000));
        return Y.encodeStateAsUpdate(net.remote('A').doc, before);
      })(),
    );
    net.settle();
    expect(net.doc.getMap('decision').get('context')).toHaveLength(200_000);
    expect(net.remote('C').latitudeFromB.filter((message) => message.kind === 'update')).toEqual([]);
    expect(net.remote('C').updatesFromB).toEqual([]);
    // B's own edits go to both (C, which here is not really connected to A, holds it until A's arrive).
    setTitle('From B')(net.doc);
    net.settle();
    expect([net.remote('A').updatesFromB.length, net.remote('C').updatesFromB.length]).toEqual([1, 1]);
    expect(title(net.remote('A').doc)).toBe('From B');
  });

  it('passes A’s edits on to C when C is not connected to A (A–B–C)', () => {
    const net = network(['A', 'C']);
    net.connectAll();
    net.remote('C').sync.advertiseConnectedPeers(['D']);
    net.settle();
    net.editAt('A', setTitle('From A'));
    net.settle();
    expect(net.remote('C').updatesFromB).toHaveLength(1);
    expect(title(net.remote('C').doc)).toBe('From A');
    expect(net.remote('A').updatesFromB).toEqual([]);
  });

  it('exchanges state vectors with a peer whose list drops A, so what it missed arrives', () => {
    const net = network(['A', 'C']);
    net.connectAll();
    net.remote('C').sync.advertiseConnectedPeers(['A']);
    net.settle();
    // A's edit reaches B, and C's connection to A is gone before it got there.
    net.editAt('A', setTitle('Missed by C'));
    net.settle();
    expect(net.remote('C').updatesFromB).toEqual([]);
    expect(title(net.remote('C').doc)).toBeUndefined();
    const before = net.remote('C').latitudeFromB.length;
    net.remote('C').sync.advertiseConnectedPeers([]);
    net.settle();
    const sent = net.remote('C').latitudeFromB.slice(before);
    // B asked C for its state and for C's request back, then answered that request.
    expect(sent.map((message) => message.kind)).toEqual(['sync-request', 'sync-reply']);
    expect(sent[0]?.kind === 'sync-request' && sent[0].requestId >= 0xc000_0000).toBe(true);
    expect(title(net.remote('C').doc)).toBe('Missed by C');
    // From now on A's edits are passed on to C.
    net.editAt('A', setTitle('Passed on'));
    net.settle();
    expect(title(net.remote('C').doc)).toBe('Passed on');
  });

  it('sends to everyone what applying A’s update brought in besides A’s own (a gap filled)', () => {
    const net = network(['A', 'C']);
    net.connectAll();
    net.remote('A').sync.advertiseConnectedPeers(['C']);
    net.remote('C').sync.advertiseConnectedPeers(['A']);
    net.settle();
    // D writes into a map that A created; B gets D's part (from C) before A's.
    const aDoc = net.remote('A').doc;
    const dDoc = new Y.Doc();
    const created: Uint8Array[] = [];
    aDoc.on('update', (update: Uint8Array) => created.push(update));
    aDoc.getMap('decision').set('advice', new Y.Map());
    Y.applyUpdate(dDoc, Y.encodeStateAsUpdate(aDoc));
    const beforeD = Y.encodeStateVector(dDoc);
    (dDoc.getMap('decision').get('advice') as Y.Map<string>).set('d', 'Ask finance');
    const fromD = Y.encodeStateAsUpdate(dDoc, beforeD);
    net.remote('C').sync.sendYWebrtcMessage(encodeYWebrtcSyncMessage('update', fromD));
    net.settle();
    expect(net.doc.store.pendingStructs).not.toBeNull();
    expect(net.remote('A').updatesFromB).toEqual([]);
    // A's update fills the gap: the result (A's map and D's entry) goes to A and C alike.
    for (const update of created) net.remote('A').sync.sendYWebrtcMessage(encodeYWebrtcSyncMessage('update', update));
    net.settle();
    expect((net.doc.getMap('decision').get('advice') as Y.Map<string>).get('d')).toBe('Ask finance');
    expect(net.remote('A').updatesFromB).toHaveLength(1);
    expect(net.remote('C').updatesFromB).toHaveLength(1);
    expect((aDoc.getMap('decision').get('advice') as Y.Map<string>).get('d')).toBe('Ask finance');
  });

  it('sends to everyone, A included, a change an observer makes in return for A’s', () => {
    const net = network(['A', 'C']);
    net.connectAll();
    net.remote('C').sync.advertiseConnectedPeers(['A']);
    net.settle();
    const decision = net.doc.getMap('decision');
    decision.observe((event) => {
      if (event.transaction.origin !== null && decision.get('seen') === undefined) decision.set('seen', true);
    });
    net.editAt('A', setTitle('From A'));
    net.settle();
    expect(net.remote('A').updatesFromB).toHaveLength(1);
    expect(net.remote('C').updatesFromB).toHaveLength(1);
    expect(net.remote('A').doc.getMap('decision').get('seen')).toBe(true);
    expect(net.remote('C').doc.getMap('decision').get('seen')).toBe(true);
    expect(title(net.remote('C').doc)).toBeUndefined();
  });

  it("sends on a connection open on our side before simple-peer's late 'connect'", () => {
    const net = network(['A']);
    const a = net.remote('A');
    a.sync.onConnect();
    net.settle(); // A's request arrives: the connection is open for B, y-webrtc has not said so
    expect(a.conn.connected).toBe(false);
    expect(a.sync.status().synced).toBe(true);
    setTitle('Right away')(net.doc);
    net.settle();
    expect(title(a.doc)).toBe('Right away');
    expect(a.latitudeFromB.some((message) => message.kind === 'sync-request')).toBe(true);
  });
});
