/**
 * A token bucket: holds at most `capacity` tokens, refills continuously at
 * `refillPerSecond`, and lets a caller spend tokens only while enough are left. The clock
 * is passed in so that tests decide when time passes.
 */

/** Milliseconds on a monotonic clock, like `performance.now()`. */
export type Clock = () => number;

export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly capacity: number,
    private readonly refillPerSecond: number,
    private readonly now: Clock,
  ) {
    if (!(capacity >= 0) || !(refillPerSecond >= 0)) {
      throw new RangeError('TokenBucket: capacity and refillPerSecond must be numbers ≥ 0');
    }
    this.tokens = capacity;
    this.updatedAt = now();
  }

  /** Spends `cost` tokens if that many are available; says whether it did. */
  take(cost = 1): boolean {
    this.refill();
    if (cost > this.tokens) return false;
    this.tokens -= cost;
    return true;
  }

  /** Tokens available now (after refilling). */
  available(): number {
    this.refill();
    return this.tokens;
  }

  private refill(): void {
    const at = this.now();
    // A clock that goes backwards (or a fake one reset by a test) refills nothing.
    const elapsedMs = Math.max(0, at - this.updatedAt);
    this.updatedAt = at;
    this.tokens = Math.min(this.capacity, this.tokens + (elapsedMs / 1000) * this.refillPerSecond);
  }
}
