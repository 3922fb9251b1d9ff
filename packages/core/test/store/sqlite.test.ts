import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { MIGRATIONS, StoreSchemaError, sqliteStore } from '@magnum-ts/core'
import { afterAll, describe, expect, it } from 'vitest'
import { storeConformance } from './conformance.js'
import { fullCluster } from './records.js'

const dir = mkdtempSync(join(tmpdir(), 'magnum-ts-sqlite-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
let files = 0
let last = ''
const nextFile = () => {
  last = join(dir, `store-${++files}.db`)
  return last
}

describe('sqliteStore', () => {
  storeConformance({ open: () => sqliteStore(nextFile()), openShared: () => sqliteStore(last) })

  describe('file and migrations', () => {
    it('creates the file in WAL mode and records each migration once, however often it is opened', async () => {
      const file = nextFile()
      const first = await sqliteStore(file)
      const cluster = await first.clusters.create(fullCluster())
      await first.close()
      const second = await sqliteStore(file)
      expect(await second.clusters.get(cluster.uuid)).toEqual(cluster)
      await second.close()
      const db = new DatabaseSync(file)
      expect(db.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' })
      const versions = db.prepare('SELECT version FROM schema_migrations ORDER BY version').all()
      expect(versions.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version))
      db.close()
    })

    it('refuses a database migrated by a newer version', async () => {
      const file = nextFile()
      await (await sqliteStore(file)).close()
      const db = new DatabaseSync(file)
      db.prepare(
        "INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', 'x')",
      ).run()
      db.close()
      await expect(sqliteStore(file)).rejects.toThrow(StoreSchemaError)
    })

    it('waits for another process holding the write lock instead of failing', async () => {
      const file = nextFile()
      const store = await sqliteStore(file, { busyTimeoutMs: 10_000 })
      // node:sqlite is synchronous, so the competing writer must be another process.
      const holder = spawn(
        process.execPath,
        [
          '--no-warnings',
          '-e',
          `const { DatabaseSync } = require('node:sqlite')
           const db = new DatabaseSync(process.argv[1])
           db.exec('BEGIN IMMEDIATE')
           process.stdout.write('locked\\n')
           setTimeout(() => { db.exec('COMMIT'); db.close() }, 400)`,
          file,
        ],
        { stdio: ['ignore', 'pipe', 'inherit'] },
      )
      await once(holder.stdout, 'data')
      const started = Date.now()
      await store.clusters.create(fullCluster())
      expect(Date.now() - started).toBeGreaterThanOrEqual(200)
      expect(await store.clusters.count()).toBe(1)
      await once(holder, 'exit')
      await store.close()
    })
  })
})
