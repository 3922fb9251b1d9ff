import pg from 'pg'

/**
 * MAGNUM_TS_PG_URL: a server to create test databases on (default the local trust-auth server),
 * or `off` to skip — one setting for every PostgreSQL suite.
 */
export const postgresSetting = process.env.MAGNUM_TS_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'

/** Why PostgreSQL tests must be skipped, or undefined when the server answers. */
export async function postgresSkipReason(url = postgresSetting): Promise<string | undefined> {
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

/** The URL of `database` on the configured server. */
export function postgresDatabaseUrl(database: string): string {
  const url = new URL(postgresSetting)
  url.pathname = `/${database}`
  return url.toString()
}
