import { existsSync } from 'node:fs'

/** Where ../shared/realcloud/start.sh writes its client config. */
export const REALCLOUD_CLOUDS_YAML = '/etc/realcloud/clouds.yaml'

/**
 * True when the real Keystone from ../shared/realcloud answers on 127.0.0.1. Contract
 * suites skip themselves (and say why) otherwise.
 */
export async function realcloudAvailable(): Promise<boolean> {
  if (!existsSync(REALCLOUD_CLOUDS_YAML)) {
    console.warn(
      `realcloud: ${REALCLOUD_CLOUDS_YAML} is absent — run ../shared/realcloud/start.sh; contract tests skipped`,
    )
    return false
  }
  try {
    const res = await fetch('http://127.0.0.1:5000/v3', { signal: AbortSignal.timeout(3000) })
    if (res.ok) return true
  } catch {}
  console.warn(
    'realcloud: Keystone does not answer on 127.0.0.1:5000 — run ../shared/realcloud/start.sh; contract tests skipped',
  )
  return false
}
