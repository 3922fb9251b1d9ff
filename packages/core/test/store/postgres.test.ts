import { randomBytes } from 'node:crypto'
import { MIGRATIONS, postgresStore, type Store } from '@magnum-ts/core'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { storeConformance } from './conformance.js'
import { fullCluster } from './records.js'

// MAGNUM_TS_PG_URL: a server to create test databases on (default the local trust-auth server),
// or `off` to skip.
const setting = process.env.MAGNUM_TS_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const database = `magnum_ts_test_${randomBytes(6).toString('hex')}`

async function reachable(url: string): Promise<string | undefined> {
  if (url === 'off') return 'MAGNUM_TS_PG_URL=off'
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 })
  try {
    await client.connect()
    return undefined
  } catch (error) {
    return `no PostgreSQL server answers at ${url} (${(error as Error).message})`
  } finally {
    await client.end().catch(() => undefined)
  }
}

const skipReason = await reachable(setting)
if (skipReason !== undefined) console.warn(`postgresStore tests skipped: ${skipReason}`)

function databaseUrl(): string {
  const url = new URL(setting)
  url.pathname = `/${database}`
  return url.toString()
}

describe.skipIf(skipReason !== undefined)('postgresStore', () => {
  const admin = new pg.Pool({ connectionString: setting, max: 1 })
  // One plain client (its end() waits for the socket to close) to reset tables between tests.
  let testDb: pg.Client
  beforeAll(async () => {
    await admin.query(`CREATE DATABASE ${database}`)
    testDb = new pg.Client({ connectionString: databaseUrl() })
    testDb.on('error', () => undefined)
    await testDb.connect()
  })
  afterAll(async () => {
    await testDb?.end()
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)
    await admin.end()
  })

  storeConformance({
    open: async () => {
      const store = await postgresStore(databaseUrl())
      await testDb.query(
        'TRUNCATE nodegroups, clusters, cluster_templates, quotas, x509keypairs RESTART IDENTITY',
      )
      return store
    },
    openShared: () => postgresStore(databaseUrl()),
  })

  it('runs migrations once when several processes open the database at the same moment', async () => {
    const stores = await Promise.all(Array.from({ length: 4 }, () => postgresStore(databaseUrl())))
    const { rows } = await testDb.query('SELECT version FROM schema_migrations ORDER BY version')
    expect(rows.map((r: { version: number }) => r.version)).toEqual(MIGRATIONS.map((m) => m.version))
    await Promise.all(stores.map((s) => s.close()))
  })

  it('accepts a caller pool and leaves it open on close', async () => {
    const pool = new pg.Pool({ connectionString: databaseUrl(), max: 2 })
    const store = await postgresStore(pool)
    await store.close()
    await expect(pool.query('SELECT 1 AS one')).resolves.toMatchObject({ rows: [{ one: 1 }] })
    await pool.end()
  })

  it('keeps a project within its quota when two pools create at once', async () => {
    const one = await postgresStore(databaseUrl())
    const two = await postgresStore(databaseUrl())
    await testDb.query('TRUNCATE nodegroups, clusters')
    const attempts = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) =>
        (i % 2 === 0 ? one : two).clusters.create(fullCluster({ projectId: 'shared' }), [], {
          maxClustersInProject: 5,
        }),
      ),
    )
    expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(5)
    expect(await one.clusters.count({ projectId: 'shared' })).toBe(5)
    await one.close()
    await two.close()
  })

  it('gives every in-progress cluster exactly one owner across two pools over many cycles', async () => {
    const one: Store = await postgresStore(databaseUrl(), { maxConnections: 4 })
    const two: Store = await postgresStore(databaseUrl(), { maxConnections: 4 })
    await testDb.query('TRUNCATE nodegroups, clusters')
    for (let i = 0; i < 200; i++) await one.clusters.create(fullCluster({ status: 'UPDATE_IN_PROGRESS' }))
    const owners = new Map<string, string>()
    for (let cycle = 0; cycle < 5; cycle++) {
      const leases = (
        await Promise.all([
          one.leases.acquire('one', { inProgress: true, limit: 60 }, 60_000),
          two.leases.acquire('two', { inProgress: true, limit: 60 }, 60_000),
          one.leases.acquire('one', { inProgress: true, limit: 60 }, 60_000),
          two.leases.acquire('two', { inProgress: true, limit: 60 }, 60_000),
        ])
      ).flat()
      for (const lease of leases) {
        expect(owners.get(lease.clusterId) ?? lease.ownerId).toBe(lease.ownerId)
        owners.set(lease.clusterId, lease.ownerId)
      }
    }
    expect(owners.size).toBe(200)
    expect(new Set(owners.values())).toEqual(new Set(['one', 'two']))
    await one.close()
    await two.close()
  })
})
