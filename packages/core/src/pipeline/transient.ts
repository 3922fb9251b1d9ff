import { ConnectionError, ServerError, TimeoutError } from '@magnum-ts/auth'

/** A cloud that is briefly unwell: a 5xx after the session's retries, a timeout, a dropped connection. */
export function isTransientCloudError(error: unknown): boolean {
  return error instanceof ServerError || error instanceof TimeoutError || error instanceof ConnectionError
}

/**
 * The sync a waiter runs before each poll. A transient failure does not end the wait: the
 * cluster stays as stored (the sync never fails a cluster on it) and the next poll tries again.
 */
export function syncForWaiters(runSync: () => Promise<unknown>): () => Promise<void> {
  return async () => {
    try {
      await runSync()
    } catch (error) {
      if (!isTransientCloudError(error)) throw error
    }
  }
}
