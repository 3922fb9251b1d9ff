/**
 * Realcloud helpers for the k8s contract test: a demo session, and the environment that maps
 * types whose services realcloud lacks to OS::Heat::None (Heat checks their constraints against
 * the catalog and would refuse them). The stub list matches swarm-mode's; both are candidates
 * for @magnum-ts/testing.
 */
import { createSession, loadCloudConfig, type Session } from '@magnum-ts/auth'
import { REALCLOUD_CLOUDS_YAML } from '@magnum-ts/testing'

export { realcloudAvailable } from '@magnum-ts/testing'

/** A session as realcloud's demo user. */
export async function realcloudSession(): Promise<Session> {
  return createSession(await loadCloudConfig({ cloud: 'realcloud-demo', configFile: REALCLOUD_CLOUDS_YAML }))
}

const STUBBED = [
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
 * The request's files and environment files plus a last environment file that stubs the
 * unavailable types and carries the parameters. (Heat's validate call applies a registry given
 * as `environment` only to the top template, so the stubs travel as an environment file.)
 */
export function withStubs(
  files: Record<string, unknown>,
  environmentFiles: string[],
  parameters: Record<string, unknown>,
): { files: Record<string, string>; environmentFiles: string[] } {
  const registry = Object.fromEntries(STUBBED.map((type) => [type, 'OS::Heat::None']))
  const stubs = JSON.stringify({ resource_registry: registry, parameters })
  return {
    files: { ...(files as Record<string, string>), [STUBS_FILE]: stubs },
    environmentFiles: [...environmentFiles, STUBS_FILE],
  }
}
