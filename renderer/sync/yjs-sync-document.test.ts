/**
 * What the chunked sync applies from a peer: good updates go in with their origin; a damaged
 * update is refused before it touches the document, so nothing of it stays behind.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { checkPeerUpdate, yjsSyncDocument } from './yjs-sync-document';

const ORIGIN = Object.freeze({ source: 'sync', peerId: 'p1' });

/** A document with some maps, lists, texts and deletions, made by `clientID`. */
function sample(clientID: number, size: number): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  const decisions = doc.getMap<Y.Map<unknown>>('decisions');
  for (let index = 0; index < size; index += 1) {
    const decision = new Y.Map<unknown>();
    decisions.set(`d${index}`, decision);
    decision.set('title', `Decision ${index}`);
    decision.set('cost', index * 100);
    decision.set('tags', ['a', 'b']);
  }
  for (let index = 0; index < size; index += 3) decisions.get(`d${index}`)?.set('title', `Renamed ${index}`);
  for (let index = 1; index < size; index += 5) decisions.delete(`d${index}`);
  return doc;
}

describe('applying a peer’s update', () => {
  it('applies a good update with its origin, through `applied`', () => {
    const peer = sample(7, 20);
    const doc = new Y.Doc();
    const origins: unknown[] = [];
    doc.on('update', (_update: Uint8Array, origin: unknown) => origins.push(origin));
    let wrapped = 0;
    const target = yjsSyncDocument(doc, (apply) => {
      wrapped += 1;
      apply();
    });
    target.applyUpdate(Y.encodeStateAsUpdate(peer), ORIGIN);
    expect(doc.getMap('decisions').toJSON()).toEqual(peer.getMap('decisions').toJSON());
    expect(origins).toEqual([ORIGIN]);
    expect(wrapped).toBe(1);
    expect(target.missingSince(Y.encodeStateVector(peer))).toEqual(
      Y.encodeStateAsUpdate(doc, Y.encodeStateVector(peer)),
    );
  });

  it('refuses a damaged or cut update and leaves the document as it was', () => {
    const base = sample(1, 30);
    const peer = sample(2, 30);
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(base));
    peer.getMap<Y.Map<unknown>>('decisions').get('d3')?.set('title', 'Edited by the peer');
    const diff = Y.encodeStateAsUpdate(peer, Y.encodeStateVector(base));
    let refused = 0;
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(), fc.nat(255)), { minLength: 1, maxLength: 3 }),
        fc.option(fc.nat()),
        (changes, cut) => {
          let damaged = diff.slice();
          for (const [index, value] of changes) damaged[index % damaged.length] = value;
          if (cut !== null) damaged = damaged.slice(0, cut % damaged.length);
          const doc = new Y.Doc();
          Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
          const before = Y.encodeStateAsUpdate(doc);
          try {
            yjsSyncDocument(doc).applyUpdate(damaged, ORIGIN);
          } catch {
            refused += 1;
            expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
            // And it still takes the good update afterwards.
            yjsSyncDocument(doc).applyUpdate(diff, ORIGIN);
            expect(doc.getMap('decisions').toJSON()).toEqual(peer.getMap('decisions').toJSON());
          }
          doc.destroy();
        },
      ),
      { numRuns: 300 },
    );
    expect(refused).toBeGreaterThan(150);
  });

  it('refuses an update that puts an item inside a value that is not a map or a list', () => {
    const owner = new Y.Doc();
    owner.clientID = 1;
    owner.getMap('m').set('x', new Y.Map());
    const peer = new Y.Doc();
    peer.clientID = 2;
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(owner));
    const before = Y.encodeStateVector(peer);
    (peer.getMap('m').get('x') as Y.Map<unknown>).set('k', 'v');
    const nested = Y.encodeStateAsUpdate(peer, before);
    // The same peer's change is fine where x is a map…
    expect(() => checkPeerUpdate(owner, nested)).not.toThrow();
    // …and refused where the item it names holds a plain value.
    const other = new Y.Doc();
    other.clientID = 1;
    other.getMap('m').set('x', 'plain text');
    expect(() => checkPeerUpdate(other, nested)).toThrow(
      'The update places an item inside a value that is not a map or a list.',
    );
    // Also when the plain value comes in the same update.
    const both = Y.mergeUpdates([Y.encodeStateAsUpdate(other), nested]);
    expect(() => checkPeerUpdate(new Y.Doc(), both)).toThrow(/not a map or a list/);
  });

  it('refuses a sub-document', () => {
    const peer = new Y.Doc();
    peer.getMap('m').set('doc', new Y.Doc());
    const doc = new Y.Doc();
    expect(() => yjsSyncDocument(doc).applyUpdate(Y.encodeStateAsUpdate(peer), ORIGIN)).toThrow(
      'The update holds a sub-document.',
    );
    expect(doc.getMap('m').size).toBe(0);
  });
});
