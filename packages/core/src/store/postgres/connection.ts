import pg from 'pg'
import type { ConstraintKind, Dialect, SqlConnection, SqlExecutor } from '../sql/connection.js'

// PostgreSQL SQLSTATEs for the constraints the store relies on.
const UNIQUE_VIOLATION = '23505'
const FOREIGN_KEY_VIOLATION = '23503'
// Any constant: every magnum-ts process takes the same advisory lock to migrate.
const MIGRATION_LOCK_KEY = 0x6d61676e

export const postgresDialect: Dialect = {
  name: 'postgres',
  // clock_timestamp(), not now(): now() is frozen at the start of the transaction.
  nowMs: '(EXTRACT(EPOCH FROM clock_timestamp()) * 1000)::BIGINT',
  identity: 'BIGSERIAL PRIMARY KEY',
  skipLocked: 'FOR UPDATE SKIP LOCKED',
  migrationLock: `SELECT pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`,
  // Two-key form: the first key keeps project locks apart from the migration lock.
  projectLock: `SELECT pg_advisory_xact_lock(${MIGRATION_LOCK_KEY}, hashtext($1))`,
  constraintOf(error: unknown): ConstraintKind | undefined {
    const code = (error as { code?: unknown } | null)?.code
    if (code === UNIQUE_VIOLATION) return 'unique'
    if (code === FOREIGN_KEY_VIOLATION) return 'foreign-key'
    return undefined
  },
}

export interface PostgresOptions {
  /** Connections in the pool the store creates from a URL. Default 10. */
  maxConnections?: number | undefined
}

const executor = (client: pg.Pool | pg.PoolClient): SqlExecutor => ({
  async query(sql, params = []) {
    const result = await client.query(sql, params as unknown[])
    return { rows: result.rows as Record<string, unknown>[], changes: result.rowCount ?? 0 }
  },
})

/**
 * Statements of a transaction, each write inside a savepoint: PostgreSQL aborts the whole
 * transaction on a failed statement, whereas SQLite and memory let the caller catch the error
 * (e.g. a duplicate name) and go on. The savepoint gives PostgreSQL the same behaviour.
 */
const transactionExecutor = (client: pg.PoolClient): SqlExecutor => {
  const plain = executor(client)
  return {
    async query(sql, params) {
      if (!/^\s*(INSERT|UPDATE|DELETE)\b/i.test(sql)) return plain.query(sql, params)
      await client.query('SAVEPOINT magnum_write')
      try {
        const result = await plain.query(sql, params)
        await client.query('RELEASE SAVEPOINT magnum_write')
        return result
      } catch (error) {
        await client.query('ROLLBACK TO SAVEPOINT magnum_write')
        throw error
      }
    },
  }
}

/** A pool over a URL (owned: closed with the store) or the caller's pool (left open). */
export function openPostgres(target: string | pg.Pool, options: PostgresOptions = {}): SqlConnection {
  const owned = typeof target === 'string'
  const pool = owned ? new pg.Pool({ connectionString: target, max: options.maxConnections ?? 10 }) : target
  // An idle connection the server closes (restart, failover) is dropped by the pool and replaced
  // on the next query; without a listener its 'error' event would crash the process.
  if (owned) pool.on('error', () => undefined)
  return {
    dialect: postgresDialect,
    exec: executor(pool),
    async transaction(fn) {
      const client = await pool.connect()
      try {
        await client.query('BEGIN')
        const result = await fn(transactionExecutor(client))
        await client.query('COMMIT')
        return result
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined)
        throw error
      } finally {
        client.release()
      }
    },
    close: async () => {
      if (owned) await pool.end()
    },
  }
}
