/**
 * Runs async jobs one at a time, in call order. A single-connection backend uses it so that a
 * statement issued outside a transaction waits until the open transaction has finished, instead
 * of slipping into it (and being rolled back with it).
 */
export class Mutex {
  #tail: Promise<unknown> = Promise.resolve()

  /** Runs `job` after every job queued before it has settled. */
  run<T>(job: () => T | Promise<T>): Promise<T> {
    const result = this.#tail.then(job)
    this.#tail = result.catch(() => undefined)
    return result
  }
}
