import { sqlStore } from '../sql/store.js'
import type { Store } from '../types.js'
import { openSqlite, type SqliteOptions } from './connection.js'

export type { SqliteOptions } from './connection.js'

/**
 * The embedded store: one SQLite file (created if missing) in WAL mode, migrated on open.
 * Several processes may open the same file; writes are serialised by SQLite's lock.
 */
export async function sqliteStore(file: string, options: SqliteOptions = {}): Promise<Store> {
  return sqlStore('sqlite', openSqlite(file, options))
}
