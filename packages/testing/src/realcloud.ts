import { existsSync } from 'node:fs'
import { createSession, loadCloudConfig, type Session } from '@magnum-ts/auth'
import { type HotTemplate, StackWaitTimeoutError } from '@magnum-ts/orchestration'

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

/** A session as one of realcloud's users (`realcloud-demo` by default, or `realcloud-admin`). */
export async function realcloudSession(
  cloud: 'realcloud-demo' | 'realcloud-admin' = 'realcloud-demo',
): Promise<Session> {
  return createSession(await loadCloudConfig({ cloud, configFile: REALCLOUD_CLOUDS_YAML }))
}

/**
 * Resource types whose services realcloud lacks (only Keystone and Heat are real): Heat checks
 * their constraints against the catalog and refuses them at validation, so contract tests map
 * them to `OS::Heat::None`.
 */
export const HEAT_STUBBED_TYPES: readonly string[] = [
  'OS::Nova::Server',
  'OS::Nova::ServerGroup',
  'OS::Neutron::Net',
  'OS::Neutron::Subnet',
  'OS::Neutron::Router',
  'OS::Neutron::RouterInterface',
  'OS::Neutron::Port',
  'OS::Neutron::FloatingIP',
  'OS::Neutron::SecurityGroup',
  'OS::Neutron::LBaaS::LoadBalancer',
  'OS::Neutron::LBaaS::Listener',
  'OS::Neutron::LBaaS::Pool',
  'OS::Neutron::LBaaS::PoolMember',
  'OS::Neutron::LBaaS::HealthMonitor',
  'OS::Octavia::LoadBalancer',
  'OS::Octavia::Listener',
  'OS::Octavia::Pool',
  'OS::Octavia::PoolMember',
  'OS::Octavia::HealthMonitor',
  'OS::Cinder::Volume',
  'OS::Cinder::VolumeAttachment',
]

const STUBS_FILE = 'realcloud-stubs.yaml'

/**
 * A stack request's files and environment files plus a last environment file that stubs
 * `HEAT_STUBBED_TYPES` and carries the parameters. (Heat Zed applies a registry given as
 * `environment` next to `environment_files` only to the top template, so the stubs travel as
 * an environment file.)
 */
export function withHeatStubs<F extends string | HotTemplate>(
  files: Record<string, F>,
  environmentFiles: readonly string[],
  parameters: Record<string, unknown> = {},
): { files: Record<string, F | string>; environmentFiles: string[] } {
  const registry = Object.fromEntries(HEAT_STUBBED_TYPES.map((type) => [type, 'OS::Heat::None']))
  const stubs = JSON.stringify({ resource_registry: registry, parameters })
  return { files: { ...files, [STUBS_FILE]: stubs }, environmentFiles: [...environmentFiles, STUBS_FILE] }
}

/**
 * Runs `scenario`, a realcloud test that changes a stack and waits for it, again when
 * realcloud's Heat stalls. Heat 19's convergence engine on realcloud's SQLite database now and
 * then loses the end of an update that grows a ResourceGroup: the nested stack reaches
 * UPDATE_COMPLETE and the parent stays UPDATE_IN_PROGRESS for good (heat-all.log shows nothing
 * for it after "rsrc_prop_data lazy load"). That is the test cloud's fault, not the code under
 * test, so a wait that times out on a stack still `*_IN_PROGRESS` runs the scenario again, up to
 * `attempts` times in all; each run must create its own new stack. Any other failure fails.
 * A stall on the last attempt calls `onLastStall` with a note naming the stalled stack (a test
 * passes its context's `skip`, so the run says the cloud stalled instead of blaming the code),
 * or is thrown without one.
 * Stalled stacks are left to the caller's cleanup (this Heat refuses to delete them).
 */
export async function retryOnRealcloudStall<T>(
  scenario: (attempt: number) => Promise<T>,
  { attempts = 3, onLastStall }: { attempts?: number; onLastStall?: (note: string) => never } = {},
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await scenario(attempt)
    } catch (error) {
      const stalled = error instanceof StackWaitTimeoutError && error.status.endsWith('_IN_PROGRESS')
      if (stalled && attempt >= attempts && onLastStall)
        onLastStall(
          `realcloud's Heat stalled on all ${attempts} attempts (last: ${error.stackName}); ` +
            'see docs/testing.md, "Known differences"',
        )
      if (!stalled || attempt >= attempts) throw error
      console.warn(
        `realcloud: Heat stalled on ${error.stackName} (${error.status} after ${error.timeoutMs} ms); ` +
          `running the scenario again on a new stack (attempt ${attempt + 1} of ${attempts})`,
      )
    }
  }
}
