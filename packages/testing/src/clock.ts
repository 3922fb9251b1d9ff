/** The fake cloud's notion of time: token expiry, build times and Heat progress follow it. */
export interface FakeClock {
  /** Milliseconds since the epoch, as the fake sees it. */
  now(): number
  /** Moves the fake's time forward (tokens expire, servers finish building). */
  advance(ms: number): void
  /** Sets the fake's time. */
  set(epochMs: number): void
}

/**
 * A clock that runs with real time plus an offset that `advance` grows, so a demo progresses
 * by itself while a test can jump ahead (`clock.advance(3_600_000)` expires a 1-hour token).
 */
export function createClock(options: { frozen?: boolean; start?: number } = {}): FakeClock {
  const realNow = () => Date.now()
  const origin = realNow()
  let offset = (options.start ?? origin) - origin
  let frozenAt = options.start ?? origin
  const frozen = options.frozen ?? false
  return {
    now: () => (frozen ? frozenAt : realNow() + offset),
    advance: (ms) => {
      if (frozen) frozenAt += ms
      else offset += ms
    },
    set: (epochMs) => {
      if (frozen) frozenAt = epochMs
      else offset = epochMs - realNow()
    },
  }
}
