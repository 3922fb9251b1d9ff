/**
 * Realcloud helpers for the driver contract tests (swarm-mode's and mesos'): the session, and
 * the stub environment that maps the types whose services realcloud lacks to OS::Heat::None.
 * A candidate for @magnum-ts/testing once the k8s driver needs the same.
 */
import { createSession, loadCloudConfig, type Session } from '@magnum-ts/auth'
import type { HotTemplate } from '@magnum-ts/orchestration'
import { REALCLOUD_CLOUDS_YAML } from '@magnum-ts/testing'

/** A session as the realcloud demo user. */
export async function realcloudSession(): Promise<Session> {
  return createSession(await loadCloudConfig({ cloud: 'realcloud-demo', configFile: REALCLOUD_CLOUDS_YAML }))
}

/** Types whose services realcloud lacks; Heat refuses them at validation ("connection refused"). */
export const STUBBED_TYPES = [
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
 * The files and environment files plus a last environment file holding the stubs and the
 * parameters (JSON, which is YAML). In `environment`, next to environment_files, Heat (Zed) did
 * not apply the registry in our runs, so everything goes through environment_files.
 */
export function withStubs(
  files: Record<string, string | HotTemplate>,
  environmentFiles: string[],
  parameters: Record<string, unknown> = {},
): { files: Record<string, string | HotTemplate>; environmentFiles: string[] } {
  const registry = Object.fromEntries(STUBBED_TYPES.map((t) => [t, 'OS::Heat::None']))
  const stubs = JSON.stringify({ resource_registry: registry, parameters })
  return { files: { ...files, [STUBS_FILE]: stubs }, environmentFiles: [...environmentFiles, STUBS_FILE] }
}
