import { InvalidOptionError } from '@magnum-ts/auth'
import { memoryStore } from './memory/store.js'
import { postgresStore } from './postgres/index.js'
import { sqliteStore } from './sqlite/index.js'
import type { Store } from './types.js'

/** What a store spec names, before anything is opened. */
export type StoreSpec =
  | { kind: 'memory' }
  | { kind: 'sqlite'; file: string }
  | { kind: 'postgres'; url: string }

const HELP = 'use memory:, sqlite:PATH (e.g. sqlite:./magnum.db) or postgres://USER@HOST:PORT/DATABASE'

/** Reads `memory:`, `sqlite:PATH` (`sqlite:///abs/path` too) or `postgres://…`; `InvalidOptionError` otherwise. */
export function parseStoreSpec(spec: string): StoreSpec {
  const text = spec.trim()
  if (text === 'memory' || text === 'memory:') return { kind: 'memory' }
  if (/^postgres(ql)?:\/\//i.test(text)) return { kind: 'postgres', url: text }
  if (/^sqlite:/i.test(text)) {
    const rest = text.slice('sqlite:'.length)
    const file = rest.startsWith('//') ? rest.slice(2) : rest
    if (file === '') throw new InvalidOptionError('store', `"${spec}" names no SQLite file`, HELP)
    return { kind: 'sqlite', file }
  }
  throw new InvalidOptionError('store', `"${spec}" is not a store this SDK knows`, HELP)
}

/** Opens the store a spec names (the CLI's `--store`): memory, a SQLite file, or a PostgreSQL database. */
export async function openStore(spec: string): Promise<Store> {
  const parsed = parseStoreSpec(spec)
  switch (parsed.kind) {
    case 'memory':
      return memoryStore()
    case 'sqlite':
      return sqliteStore(parsed.file)
    case 'postgres':
      return postgresStore(parsed.url)
  }
}
