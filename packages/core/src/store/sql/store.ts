import type { Store } from '../types.js'
import type { SqlConnection } from './connection.js'
import { migrate } from './migrations.js'
import { sqlTables } from './tables.js'

/** A `Store` over an open SQL connection, after bringing its schema up to date. */
export async function sqlStore(kind: string, connection: SqlConnection): Promise<Store> {
  try {
    await migrate(connection)
  } catch (error) {
    await connection.close()
    throw error
  }
  const { dialect, exec } = connection
  return {
    kind,
    ...sqlTables(dialect, exec, (fn) => connection.transaction(fn)),
    // Inside a transaction every statement, cascades included, goes to that transaction's connection.
    transaction: (fn) => connection.transaction((tx) => fn(sqlTables(dialect, tx, (inner) => inner(tx)))),
    close: () => connection.close(),
  }
}
