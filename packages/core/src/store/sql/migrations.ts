import { StoreSchemaError } from '../errors.js'
import type { Dialect, SqlConnection } from './connection.js'

/** One schema change; `statements` may differ by dialect only where the SQL must. */
export interface Migration {
  version: number
  name: string
  statements(dialect: Dialect): string[]
}

// Records are kept whole as JSON text in `data`, so every model field survives without a column
// per field; the columns beside it are the ones queries filter, sort or constrain on.
// Booleans are 0/1 integers and timestamps ISO text, which both dialects compare the same way.
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    statements: (d) => [
      `CREATE TABLE cluster_templates (
        uuid VARCHAR(36) PRIMARY KEY,
        project_id VARCHAR(255),
        name VARCHAR(255) NOT NULL,
        public INTEGER NOT NULL,
        hidden INTEGER NOT NULL,
        created_at VARCHAR(32) NOT NULL,
        updated_at VARCHAR(32) NOT NULL,
        data TEXT NOT NULL
      )`,
      'CREATE INDEX cluster_templates_project ON cluster_templates (project_id)',
      `CREATE TABLE clusters (
        uuid VARCHAR(36) PRIMARY KEY,
        project_id VARCHAR(255) NOT NULL,
        name VARCHAR(255) NOT NULL,
        status VARCHAR(32) NOT NULL,
        cluster_template_id VARCHAR(36),
        created_at VARCHAR(32) NOT NULL,
        updated_at VARCHAR(32) NOT NULL,
        data TEXT NOT NULL,
        lease_owner VARCHAR(255),
        lease_until BIGINT
      )`,
      'CREATE INDEX clusters_project ON clusters (project_id)',
      'CREATE INDEX clusters_status ON clusters (status)',
      'CREATE INDEX clusters_template ON clusters (cluster_template_id)',
      `CREATE TABLE nodegroups (
        uuid VARCHAR(36) PRIMARY KEY,
        cluster_id VARCHAR(36) NOT NULL REFERENCES clusters (uuid),
        project_id VARCHAR(255) NOT NULL,
        name VARCHAR(255) NOT NULL,
        role VARCHAR(255) NOT NULL,
        is_default INTEGER NOT NULL,
        created_at VARCHAR(32) NOT NULL,
        updated_at VARCHAR(32) NOT NULL,
        data TEXT NOT NULL,
        CONSTRAINT nodegroups_cluster_name UNIQUE (cluster_id, name)
      )`,
      'CREATE INDEX nodegroups_project ON nodegroups (project_id)',
      `CREATE TABLE quotas (
        id ${d.identity},
        project_id VARCHAR(255) NOT NULL,
        resource VARCHAR(255) NOT NULL,
        created_at VARCHAR(32) NOT NULL,
        updated_at VARCHAR(32) NOT NULL,
        data TEXT NOT NULL,
        CONSTRAINT quotas_project_resource UNIQUE (project_id, resource)
      )`,
      `CREATE TABLE x509keypairs (
        uuid VARCHAR(36) PRIMARY KEY,
        name VARCHAR(255) NOT NULL,
        cluster_id VARCHAR(36) NOT NULL,
        data TEXT NOT NULL
      )`,
      'CREATE INDEX x509keypairs_cluster ON x509keypairs (cluster_id)',
    ],
  },
]

/**
 * Brings the schema up to date in one transaction: creates `schema_migrations`, applies every
 * migration not recorded there, records it. Safe to run on every open, and from several
 * processes at once (the dialect's lock, or SQLite's write lock, serialises them).
 * Returns the versions it applied.
 */
export async function migrate(
  connection: SqlConnection,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<number[]> {
  const { dialect } = connection
  return connection.transaction(async (exec) => {
    if (dialect.migrationLock !== undefined) await exec.query(dialect.migrationLock)
    await exec.query(
      `CREATE TABLE IF NOT EXISTS schema_migrations (
        version INTEGER PRIMARY KEY,
        name VARCHAR(255) NOT NULL,
        applied_at VARCHAR(32) NOT NULL
      )`,
    )
    const { rows } = await exec.query('SELECT version FROM schema_migrations')
    const done = new Set(rows.map((r) => Number(r.version)))
    const known = new Set(migrations.map((m) => m.version))
    const unknown = [...done].filter((v) => !known.has(v))
    if (unknown.length > 0) throw new StoreSchemaError(Math.max(...unknown), Math.max(0, ...known))
    const applied: number[] = []
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(migration.version)) continue
      for (const statement of migration.statements(dialect)) await exec.query(statement)
      await exec.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
        migration.version,
        migration.name,
        new Date().toISOString(),
      ])
      applied.push(migration.version)
    }
    return applied
  })
}
