import { ConfigError } from '@magnum-ts/auth'

/** Checks `createFakeCloud` options; a bad one is a `ConfigError` naming the option and the fix. */
export function checkOptions(options: {
  origin?: string | undefined
  latencyMs?: number | undefined
  buildSeconds?: number | undefined
  tokenLifetimeSeconds?: number | undefined
}): void {
  if (options.origin !== undefined) {
    let url: URL | undefined
    try {
      url = new URL(options.origin)
    } catch {
      url = undefined
    }
    if (!url || !/^https?:$/.test(url.protocol) || (url.pathname !== '/' && url.pathname !== '')) {
      throw new ConfigError(
        `"${options.origin}" is not an origin; give scheme, host and port only, e.g. http://openstack.test`,
        {
          key: 'createFakeCloud.origin',
        },
      )
    }
  }
  for (const key of ['latencyMs', 'buildSeconds', 'tokenLifetimeSeconds'] as const) {
    const value = options[key]
    if (value !== undefined && !(Number.isFinite(value) && value >= 0)) {
      throw new ConfigError(`must be a number ≥ 0 (got ${String(value)})`, { key: `createFakeCloud.${key}` })
    }
  }
  if (options.tokenLifetimeSeconds === 0) {
    throw new ConfigError('must be > 0: a zero lifetime issues tokens that are already expired', {
      key: 'createFakeCloud.tokenLifetimeSeconds',
    })
  }
}
