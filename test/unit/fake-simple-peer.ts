/**
 * The part of simple-peer (and its data channel) that renderer/sync/peer-sync.ts uses, for
 * unit tests that drive peer-sync without WebRTC: what is sent waits in `sent`.
 */
import { EventEmitter } from 'node:events';

class FakeChannel {
  bufferedAmount = 0;
  bufferedAmountLowThreshold = 0;
  readyState = 'open';
  addEventListener(): void {}
  removeEventListener(): void {}
}

export class FakePeer extends EventEmitter {
  readonly _channel = new FakeChannel();
  readonly sent: Uint8Array[] = [];

  /** With `holdSent`, what is sent stays counted in the channel's `bufferedAmount` (never drained). */
  constructor(private readonly options: { holdSent?: boolean } = {}) {
    super();
  }

  send(data: Uint8Array): void {
    this.sent.push(data);
    if (this.options.holdSent) this._channel.bufferedAmount += data.byteLength;
  }

  destroy(): void {}
}
