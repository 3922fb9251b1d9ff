/** A ResourceGroup's `update_policy.rolling_update`, with Heat's defaults. */
export interface RollingPolicy {
  maxBatchSize: number
  minInService: number
  pauseMs: number
}

const isMap = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v)

function whole(value: unknown, fallback: number, min: number, field: string): number {
  if (value === undefined || value === null || value === '') return fallback
  const n = Number(value)
  if (!Number.isFinite(n) || n < min)
    throw new Error(`update_policy.rolling_update.${field}: ${String(value)} must be a number >= ${min}`)
  return n
}

/** The group's rolling policy, or undefined when it has none (all members then update at once). */
export function rollingPolicy(updatePolicy: Record<string, unknown>): RollingPolicy | undefined {
  const rolling = updatePolicy.rolling_update
  if (!isMap(rolling)) return undefined
  return {
    maxBatchSize: Math.floor(whole(rolling.max_batch_size, 1, 1, 'max_batch_size')),
    minInService: Math.floor(whole(rolling.min_in_service, 0, 0, 'min_in_service')),
    pauseMs: whole(rolling.pause_time, 0, 0, 'pause_time') * 1000,
  }
}

/** Whether members are left to update (Heat's `rolling_update.needs_update`). */
function needsUpdate(target: number, current: number, upToDate: number): boolean {
  return !(upToDate >= current && current === target)
}

/**
 * The next batch (Heat's `rolling_update.next_batch`): the group's size during the batch and
 * how many members get the new definition, keeping `minInService` members untouched.
 */
function nextBatch(
  target: number,
  current: number,
  upToDate: number,
  batchSize: number,
  minInService: number,
): [number, number] {
  const minSize = Math.min(minInService, target, current)
  const size = Math.min(batchSize, Math.max(target - upToDate, 0))
  return [size + Math.max(Math.min(current, target - size), minSize), size]
}

/**
 * The member names that carry the new definition after each batch (cumulative), highest
 * index first, as Heat's ResourceGroup orders a rolling replacement. `namesFor(n)` gives the
 * group's first `n` member names (blacklisted names skipped). When `minInService` forces it,
 * a batch adds members beyond the current size; the resize after the last batch trims them.
 */
export function rollingBatches(
  target: number,
  initial: number,
  policy: RollingPolicy,
  namesFor: (size: number) => string[],
): string[][] {
  const batches: string[][] = []
  let maxCap = initial
  let current = initial
  let totalUpdated = 0
  let updated = 0
  while (updated < target) {
    const [newCap, totalNew] = nextBatch(target, current, updated, policy.maxBatchSize, policy.minInService)
    maxCap = Math.max(newCap, maxCap)
    // Members beyond the target are never updated, but count as in service.
    const highWater = maxCap <= initial ? target : maxCap
    const names = namesFor(highWater).reverse()
    const created = Math.max(highWater - initial, 0)
    totalUpdated += totalNew - Math.max(newCap - current, 0)
    batches.push(names.slice(0, created + totalUpdated))
    const ignored = Math.min(Math.max(Math.min(highWater, initial) - target, 0), totalUpdated)
    updated = totalUpdated - ignored
    current = maxCap
    if (!needsUpdate(target, current, updated) || batches.length > 10_000) break
  }
  return batches
}
