/** The rows a statement returned and how many rows it changed. */
export interface SqlResult {
  rows: Record<string, unknown>[]
  changes: number
}

/** Runs one statement written with PostgreSQL-style `$1, $2…` parameters. */
export interface SqlExecutor {
  query(sql: string, params?: readonly unknown[]): Promise<SqlResult>
}

/** What a constraint violation was, once the backend's error has been read. */
export type ConstraintKind = 'unique' | 'foreign-key'

/** The few places where SQLite and PostgreSQL SQL differ; everything else is shared. */
export interface Dialect {
  readonly name: 'sqlite' | 'postgres'
  /** An expression for the current time in epoch milliseconds, by the database's clock. */
  readonly nowMs: string
  /** The column definition of an auto-assigned integer primary key. */
  readonly identity: string
  /** Appended to the lease candidate query: `FOR UPDATE SKIP LOCKED` where rows can be locked. */
  readonly skipLocked: string
  /** A statement that serialises migrations between processes, run first in their transaction. */
  readonly migrationLock: string | undefined
  /** A statement (`$1` = project id) that serialises quota-checked creates in one project until commit. */
  readonly projectLock: string | undefined
  /** Which constraint an error broke, if it is a constraint violation. */
  constraintOf(error: unknown): ConstraintKind | undefined
}

/** One open database: statements outside a transaction, and transactions. */
export interface SqlConnection {
  readonly dialect: Dialect
  readonly exec: SqlExecutor
  /** Runs `fn` between BEGIN and COMMIT, rolling back when it throws. */
  transaction<T>(fn: (exec: SqlExecutor) => Promise<T>): Promise<T>
  close(): Promise<void>
}

/** `IN ($3, $4, …)` for a list, numbering on from the parameters already bound. */
export function inList(params: unknown[], values: readonly unknown[]): string {
  const marks = values.map((value) => {
    params.push(value)
    return `$${params.length}`
  })
  return `(${marks.join(', ')})`
}

/** Binds one parameter and returns its placeholder. */
export function bind(params: unknown[], value: unknown): string {
  params.push(value)
  return `$${params.length}`
}
