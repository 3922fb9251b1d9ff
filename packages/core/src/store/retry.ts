import { StoreConflictError } from './errors.js'
import type { UpdateOptions } from './types.js'

/** A table whose rows can be read by one key and written back with the optimistic check. */
interface Versioned<T> {
  get(key: string): Promise<T | undefined>
  update(record: T, options?: UpdateOptions): Promise<T>
}

/**
 * Reads a row, applies `change`, writes it back; on `StoreConflictError` reads again and
 * reapplies, up to `attempts` times. `change` returning undefined means "nothing to write".
 * Returns the stored row, or undefined when there is no row (or nothing was written).
 */
export async function updateWithRetry<T>(
  table: Versioned<T>,
  key: string,
  change: (current: T) => T | undefined,
  attempts = 5,
): Promise<T | undefined> {
  for (let attempt = 1; ; attempt++) {
    const current = await table.get(key)
    if (current === undefined) return undefined
    const next = change(current)
    if (next === undefined) return undefined
    try {
      return await table.update(next)
    } catch (error) {
      if (!(error instanceof StoreConflictError) || attempt >= attempts) throw error
    }
  }
}
