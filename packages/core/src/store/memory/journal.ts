/**
 * An undo log for the memory store: while a unit of work is open, every change to a
 * `JournaledMap` records how to reverse it, so a rollback costs what the work touched rather
 * than a copy of the whole store.
 */
export class Journal {
  #undo: (() => void)[] | undefined

  /** Records how to reverse a change, when a unit of work is open. */
  record(reverse: () => void): void {
    this.#undo?.push(reverse)
  }

  /** Runs `work`; when it throws, reverses its changes (and only its own, when nested) and rethrows. */
  async atomically<T>(work: () => Promise<T>): Promise<T> {
    const { undo, mark, outermost } = this.#open()
    try {
      return await work()
    } catch (error) {
      this.#rollback(undo, mark)
      throw error
    } finally {
      if (outermost) this.#undo = undefined
    }
  }

  /** `atomically` for synchronous work: one multi-row write. */
  atomicallySync<T>(work: () => T): T {
    const { undo, mark, outermost } = this.#open()
    try {
      return work()
    } catch (error) {
      this.#rollback(undo, mark)
      throw error
    } finally {
      if (outermost) this.#undo = undefined
    }
  }

  #open(): { undo: (() => void)[]; mark: number; outermost: boolean } {
    const outermost = this.#undo === undefined
    this.#undo ??= []
    return { undo: this.#undo, mark: this.#undo.length, outermost }
  }

  #rollback(undo: (() => void)[], mark: number): void {
    for (const reverse of undo.splice(mark).reverse()) reverse()
  }
}

/** A Map whose `set` and `delete` are recorded in a journal. */
export class JournaledMap<K, V> extends Map<K, V> {
  readonly #journal: Journal

  constructor(journal: Journal) {
    super()
    this.#journal = journal
  }

  override set(key: K, value: V): this {
    const had = this.has(key)
    const previous = this.get(key) as V
    this.#journal.record(had ? () => void super.set(key, previous) : () => void super.delete(key))
    return super.set(key, value)
  }

  override delete(key: K): boolean {
    if (this.has(key)) {
      const previous = this.get(key) as V
      this.#journal.record(() => void super.set(key, previous))
    }
    return super.delete(key)
  }
}
