import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite'
import { ConfigError } from '@magnum-ts/auth'
import { Mutex } from '../mutex.js'
import type { ConstraintKind, Dialect, SqlConnection, SqlExecutor, SqlResult } from '../sql/connection.js'

// SQLite's extended result codes for the constraints the store relies on.
const SQLITE_CONSTRAINT_UNIQUE = 2067
const SQLITE_CONSTRAINT_PRIMARYKEY = 1555
const SQLITE_CONSTRAINT_FOREIGNKEY = 787

export const sqliteDialect: Dialect = {
  name: 'sqlite',
  nowMs: "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)",
  identity: 'INTEGER PRIMARY KEY AUTOINCREMENT',
  skipLocked: '',
  // BEGIN IMMEDIATE already holds the database's only write lock.
  migrationLock: undefined,
  projectLock: undefined,
  constraintOf(error: unknown): ConstraintKind | undefined {
    const code = (error as { errcode?: unknown } | null)?.errcode
    if (code === SQLITE_CONSTRAINT_UNIQUE || code === SQLITE_CONSTRAINT_PRIMARYKEY) return 'unique'
    if (code === SQLITE_CONSTRAINT_FOREIGNKEY) return 'foreign-key'
    return undefined
  },
}

/** `$1`-style SQL → SQLite's anonymous `?`, repeating a value wherever its number repeats. */
export function toSqliteParams(
  sql: string,
  params: readonly unknown[],
): { text: string; values: SQLInputValue[] } {
  const values: SQLInputValue[] = []
  const text = sql.replace(/\$(\d+)/g, (_, n: string) => {
    const value = params[Number(n) - 1]
    values.push(
      value === undefined ? null : typeof value === 'boolean' ? Number(value) : (value as SQLInputValue),
    )
    return '?'
  })
  return { text, values }
}

export interface SqliteOptions {
  /** How long a writer waits for another process's write lock before failing. Default 5000 ms. */
  busyTimeoutMs?: number | undefined
}

/** Opens a SQLite file (or `:memory:`) in WAL mode with foreign keys and a busy timeout. */
export function openSqlite(file: string, options: SqliteOptions = {}): SqlConnection {
  // Loaded on first use: importing node:sqlite prints an experimental warning, which users of
  // the other backends should not see.
  const sqlite = process.getBuiltinModule?.('node:sqlite') as typeof import('node:sqlite') | undefined
  if (sqlite === undefined) {
    throw new ConfigError(
      `node:sqlite is not available in Node ${process.version}. Fix: run Node 22.13 or later, or use a memory: or postgres:// store`,
      { key: 'store' },
    )
  }
  const db: DatabaseSync = new sqlite.DatabaseSync(file)
  db.exec(`PRAGMA busy_timeout = ${Math.max(0, Math.trunc(options.busyTimeoutMs ?? 5000))}`)
  if (file !== ':memory:' && file !== '') db.exec('PRAGMA journal_mode = WAL')
  db.exec('PRAGMA foreign_keys = ON')
  db.exec('PRAGMA synchronous = NORMAL')

  const statements = new Map<string, StatementSync>()
  const run = (sql: string, params: readonly unknown[] = []): SqlResult => {
    const { text, values } = toSqliteParams(sql, params)
    let statement = statements.get(text)
    if (statement === undefined) {
      statement = db.prepare(text)
      statements.set(text, statement)
    }
    if (/^\s*SELECT\b/i.test(text) || /\bRETURNING\b/i.test(text)) {
      const rows = statement.all(...values) as Record<string, unknown>[]
      return { rows, changes: rows.length }
    }
    return { rows: [], changes: Number(statement.run(...values).changes) }
  }

  // One connection: a statement outside a transaction waits for the open one to finish.
  const lock = new Mutex()
  let open = true
  const guarded = <T>(job: () => T | Promise<T>): Promise<T> =>
    lock.run(() => {
      if (!open) throw new Error('sqliteStore: the store is closed')
      return job()
    })
  const inside: SqlExecutor = { query: async (sql, params) => run(sql, params) }

  return {
    dialect: sqliteDialect,
    exec: { query: (sql, params) => guarded(() => run(sql, params)) },
    transaction: (fn) =>
      guarded(async () => {
        // IMMEDIATE takes the write lock now, so two processes never deadlock upgrading read locks.
        db.exec('BEGIN IMMEDIATE')
        try {
          const result = await fn(inside)
          db.exec('COMMIT')
          return result
        } catch (error) {
          // SQLite may already have rolled back (e.g. after SQLITE_FULL); the caller's error matters more.
          if (db.isTransaction) db.exec('ROLLBACK')
          throw error
        }
      }),
    close: () =>
      guarded(() => {
        open = false
        db.close()
      }),
  }
}
