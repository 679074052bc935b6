// How many requests are in flight at once: a small fixed number, down to one while Bird answers
// 429, and none at all until a Retry-After has passed. Every request of a run goes through one gate,
// so a throttled write holds back its siblings too, not only its own retry.
export const MAX_IN_FLIGHT = 4;

export class Gate {
  private limit: number;
  private active = 0;
  /** Counts 429s: tells answers sent before the last one from those sent after. */
  private era = 0;
  private readonly waiting: (() => void)[] = [];
  /** Settles when Bird's Retry-After has passed; requests start only after it. */
  private pause: Promise<void> | undefined;

  constructor(
    private readonly max: number,
    private readonly sleep: (ms: number) => Promise<void>,
  ) {
    this.limit = max;
  }

  /**
   * Runs one exchange when its turn comes. `throttle` reads the answer: a 429 (with its Retry-After)
   * or not. Answers to requests sent before the last 429 do not open up again: only those sent at the
   * slower pace show that Bird has recovered.
   */
  async run<T>(exchange: () => Promise<T>, throttle: (answer: T) => { retryAfterMs?: number } | undefined): Promise<T> {
    await this.acquire();
    const era = this.era;
    try {
      const answer = await exchange();
      const throttled = throttle(answer);
      if (throttled) this.throttled(throttled.retryAfterMs);
      else if (era === this.era) this.answered();
      return answer;
    } finally {
      this.release();
    }
  }

  /** A 429: one request at a time from now on, and none before `retryAfterMs` has passed. */
  throttled(retryAfterMs: number | undefined): void {
    this.era++;
    this.limit = 1;
    if (retryAfterMs !== undefined && retryAfterMs > 0) {
      const pause = this.sleep(retryAfterMs).then(() => {
        if (this.pause === pause) this.pause = undefined;
      });
      this.pause = pause;
    }
  }

  /** An answer that is not a 429: one more request may run at once again, up to the maximum. */
  answered(): void {
    if (this.limit < this.max) {
      this.limit++;
      this.wake();
    }
  }

  private async acquire(): Promise<void> {
    for (;;) {
      if (this.pause) await this.pause;
      if (this.active < this.limit) {
        this.active++;
        return;
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }

  private release(): void {
    this.active--;
    this.wake();
  }

  private wake(): void {
    const free = this.limit - this.active;
    for (const resolve of this.waiting.splice(0, Math.max(0, free))) resolve();
  }
}
