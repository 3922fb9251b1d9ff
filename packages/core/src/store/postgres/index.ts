import type pg from 'pg'
import { sqlStore } from '../sql/store.js'
import type { Store } from '../types.js'
import { openPostgres, type PostgresOptions } from './connection.js'

export type { PostgresOptions } from './connection.js'

/**
 * The shared store: a PostgreSQL database that any number of processes use at once, migrated on
 * open. Give a `postgres://` URL (the store owns and closes its pool) or your own `pg.Pool`
 * (left open on `close`).
 */
export async function postgresStore(target: string | pg.Pool, options: PostgresOptions = {}): Promise<Store> {
  return sqlStore('postgres', openPostgres(target, options))
}
