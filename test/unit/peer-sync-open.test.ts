/**
 * A connection whose first data arrives before simple-peer's 'connect' (found by the sync
 * benchmark, test/bench/suites/sync.ts). simple-peer emits 'connect' only after an
 * asynchronous getStats, so the other side's SYNC_REQUEST often arrives first; the reply
 * queued for it must survive the 'connect' that follows, or its remaining frames are lost
 * and the other side waits for its response timeout (20 s) before asking again.
 *
 * No WebRTC here: y-webrtc's connection and simple-peer are fakes, the other side is
 * shared/sync's chunked sync on its own document.
 */
import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { createChunkedSync, type SyncEvent } from '@shared/sync';
import { attachChunkedSync, type AttachedSync, type PeerSyncEvent } from '../../renderer/sync/peer-sync';
import { yjsSyncDocument } from '../../renderer/sync/yjs-sync-document';
import { FakePeer } from './fake-simple-peer';

let attached: AttachedSync | null = null;
afterEach(() => {
  attached?.detach();
  attached = null;
});

/** A document of about 3 MB: its first sync takes about 48 frames of 64 KiB. */
function largeDocument(): Y.Doc {
  const doc = new Y.Doc();
  const map = doc.getMap('decisions');
  doc.transact(() => {
    for (let index = 0; index < 3_000; index += 1) map.set(`d${index}`, `${index} `.padEnd(1_000, 'x'));
  });
  return doc;
}

describe("peer-sync when the peer's first data comes before 'connect'", () => {
  it('sends the whole reply to a SYNC_REQUEST that arrived before the connection was reported open', async () => {
    const ownerDoc = largeDocument();
    const peer = new FakePeer({ holdSent: true });
    // y-webrtc's own handler of incoming data.
    peer.on('data', () => undefined);
    const conn = { remotePeerId: 'joiner', peer, connected: false, destroy: vi.fn() };
    const provider = Object.assign(new EventEmitter(), { room: { webrtcConns: new Map([['joiner', conn]]) } });
    provider.off = provider.removeListener.bind(provider);
    const ownerEvents: PeerSyncEvent[] = [];
    attached = attachChunkedSync(provider as never, { doc: ownerDoc, onEvent: (event) => ownerEvents.push(event) });
    provider.emit('peers', { added: ['joiner'] });

    // The joining side: its messages reach the owner as 'data', the owner's reach it through `receive`.
    const joinerDoc = new Y.Doc();
    const joinerEvents: SyncEvent[] = [];
    const joiner = createChunkedSync({
      doc: yjsSyncDocument(joinerDoc),
      send: (message) => {
        peer.emit('data', message);
        return true;
      },
      now: () => Date.now(),
      origin: 'owner',
      onEvent: (event) => joinerEvents.push(event),
    });
    let delivered = 0;
    const deliver = () => {
      for (; delivered < peer.sent.length; delivered += 1) joiner.receive(peer.sent[delivered] as Uint8Array);
    };

    joiner.onConnect(); // its SYNC_REQUEST arrives before the owner's 'connect'
    expect(peer.sent.length).toBeGreaterThan(0);
    expect(peer.sent.length).toBeLessThan(48); // the channel is full: the rest of the reply is queued
    peer.emit('connect');
    conn.connected = true;

    // The channel drains from now on; the queued frames follow (peer-sync polls every 25 ms).
    await vi.waitFor(
      () => {
        deliver();
        peer._channel.bufferedAmount = 0;
        expect(joinerEvents).toContainEqual({ kind: 'synced' });
      },
      { timeout: 5_000, interval: 10 },
    );
    expect(joinerDoc.getMap('decisions').size).toBe(3_000);
    expect(joinerEvents.filter((event) => event.kind === 'error')).toEqual([]);
    expect(ownerEvents.filter((event) => event.kind === 'connected')).toHaveLength(1);
  });
});
