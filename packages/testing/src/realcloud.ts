import { existsSync } from 'node:fs'

/** Where ../shared/realcloud/start.sh writes its client config. */
export const REALCLOUD_CLOUDS_YAML = '/etc/realcloud/clouds.yaml'

/**
 * True when the real Keystone of ../shared/realcloud answers on 127.0.0.1 (and, with
 * `heat: true`, the real Heat too). Contract suites skip themselves, saying why, otherwise.
 */
export async function realcloudAvailable(options: { heat?: boolean } = {}): Promise<boolean> {
  if (!existsSync(REALCLOUD_CLOUDS_YAML)) {
    console.warn(
      `realcloud: ${REALCLOUD_CLOUDS_YAML} is absent — run ../shared/realcloud/start.sh; contract tests skipped`,
    )
    return false
  }
  const answers = async (url: string) => {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(3000) })
      return res.status < 500
    } catch {
      return false
    }
  }
  if (!(await answers('http://127.0.0.1:5000/v3'))) {
    console.warn(
      'realcloud: Keystone does not answer on 127.0.0.1:5000 — run ../shared/realcloud/start.sh; contract tests skipped',
    )
    return false
  }
  if (options.heat && !(await answers('http://127.0.0.1:8004/'))) {
    console.warn(
      'realcloud: Heat does not answer on 127.0.0.1:8004 — run ../shared/realcloud/start.sh; contract tests skipped',
    )
    return false
  }
  return true
}
