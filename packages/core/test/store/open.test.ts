import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { InvalidOptionError } from '@magnum-ts/auth'
import { openStore, parseStoreSpec } from '@magnum-ts/core'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { fullCluster } from './records.js'

const dir = mkdtempSync(join(tmpdir(), 'magnum-ts-open-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('parseStoreSpec', () => {
  it('reads the three kinds of store', () => {
    expect(parseStoreSpec('memory:')).toEqual({ kind: 'memory' })
    expect(parseStoreSpec('memory')).toEqual({ kind: 'memory' })
    expect(parseStoreSpec('sqlite:./magnum.db')).toEqual({ kind: 'sqlite', file: './magnum.db' })
    expect(parseStoreSpec('sqlite:///var/lib/magnum.db')).toEqual({
      kind: 'sqlite',
      file: '/var/lib/magnum.db',
    })
    expect(parseStoreSpec('sqlite::memory:')).toEqual({ kind: 'sqlite', file: ':memory:' })
    expect(parseStoreSpec('postgres://magnum@db:5432/magnum')).toEqual({
      kind: 'postgres',
      url: 'postgres://magnum@db:5432/magnum',
    })
    expect(parseStoreSpec('postgresql://db/magnum')).toMatchObject({ kind: 'postgres' })
  })

  it('keeps any SQLite path as given', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }).filter((p) => !p.startsWith('//') && p.trim() === p),
        (path) => {
          expect(parseStoreSpec(`sqlite:${path}`)).toEqual({ kind: 'sqlite', file: path })
        },
      ),
    )
  })

  it('refuses anything else with InvalidOptionError naming the option and the accepted forms', () => {
    fc.assert(
      fc.property(
        fc
          .string()
          .filter(
            (s) => !/^\s*(memory:?|sqlite:|postgres(ql)?:\/\/)/i.test(s.trim()) || /^\s*sqlite:\s*$/i.test(s),
          ),
        (spec) => {
          const error = (() => {
            try {
              parseStoreSpec(spec)
            } catch (e) {
              return e
            }
          })()
          expect(error).toBeInstanceOf(InvalidOptionError)
          expect((error as InvalidOptionError).option).toBe('store')
          expect((error as Error).message).toContain('sqlite:PATH')
        },
      ),
    )
    expect(() => parseStoreSpec('mysql://db')).toThrow(/not a store/)
    expect(() => parseStoreSpec('sqlite:')).toThrow(/names no SQLite file/)
  })
})

describe('openStore', () => {
  it('opens a memory store and a SQLite file that keeps its rows', async () => {
    const memory = await openStore('memory:')
    expect(memory.kind).toBe('memory')
    await memory.close()

    const file = join(dir, 'open.db')
    const first = await openStore(`sqlite:${file}`)
    expect(first.kind).toBe('sqlite')
    const cluster = await first.clusters.create(fullCluster())
    await first.close()
    const second = await openStore(`sqlite://${file}`)
    expect(await second.clusters.get(cluster.uuid)).toEqual(cluster)
    await second.close()
  })
})
