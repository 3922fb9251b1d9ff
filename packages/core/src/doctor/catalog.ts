import {
  type CatalogService,
  type EndpointInterface,
  EndpointNotFoundError,
  type Session,
  serviceTypeAliases,
} from '@magnum-ts/auth'
import { classifyEndpointHost } from './endpoint-host.js'
import type { DoctorFinding } from './types.js'

/** A service the pipeline uses, and what its absence costs. */
interface ServiceSpec {
  type: string
  project: string
  required: boolean
  /** For an optional service: what is disabled without it. */
  disables?: string
  fix: string
}

/** Magnum's required and optional services (install guide; seed 000 lists the same). */
export const DOCTOR_SERVICES: readonly ServiceSpec[] = [
  { type: 'identity', project: 'Keystone', required: true, fix: 'register Keystone in its own catalog' },
  { type: 'image', project: 'Glance', required: true, fix: 'deploy Glance and register its endpoints' },
  { type: 'compute', project: 'Nova', required: true, fix: 'deploy Nova and register its endpoints' },
  { type: 'network', project: 'Neutron', required: true, fix: 'deploy Neutron and register its endpoints' },
  {
    type: 'orchestration',
    project: 'Heat',
    required: true,
    fix: 'deploy Heat (heat-api and heat-engine) and register its endpoints',
  },
  {
    type: 'block-storage',
    project: 'Cinder',
    required: false,
    disables:
      'docker, etcd and boot volumes (docker_volume_size, etcd_volume_size, boot_volume_size) and the cinder volume driver',
    fix: 'deploy Cinder, or leave every volume size unset',
  },
  {
    type: 'load-balancer',
    project: 'Octavia',
    required: false,
    disables:
      'master_lb_enabled (so more than one master), the octavia ingress controller and LoadBalancer services',
    fix: 'deploy Octavia, or keep master_lb_enabled false and master_count 1',
  },
  {
    type: 'key-manager',
    project: 'Barbican',
    required: false,
    disables: 'the "barbican" certificate store',
    fix: 'deploy Barbican, or choose the "local:DIR" or "store" certificate store',
  },
]

/** Catalog entries of a service under any of its aliases (`volumev3` is block-storage). */
function entriesOf(catalog: readonly CatalogService[], type: string): CatalogService[] {
  const aliases = serviceTypeAliases(type)
  return catalog.filter((service) => aliases.includes(service.type.toLowerCase()))
}

// Keystone v2 habits (`publicURL`) still show up in hand-written catalogs.
const interfaceOf = (value: string) => value.toLowerCase().replace(/url$/, '')

/** Presence of every required and optional service on the chosen interface, with a hint when only another interface has it. */
export async function catalogFindings(
  session: Session,
  catalog: readonly CatalogService[],
  chosen: EndpointInterface,
): Promise<DoctorFinding[]> {
  return Promise.all(DOCTOR_SERVICES.map((spec) => serviceFinding(session, catalog, chosen, spec)))
}

async function serviceFinding(
  session: Session,
  catalog: readonly CatalogService[],
  chosen: EndpointInterface,
  spec: ServiceSpec,
): Promise<DoctorFinding> {
  const name = `${spec.project} (${spec.type})`
  try {
    const url = await session.endpoint(spec.type, { interface: chosen })
    return { level: 'ok', check: `catalog:${spec.type}`, message: `${name} at ${url}`, fix: '' }
  } catch (error) {
    if (!(error instanceof EndpointNotFoundError)) throw error
  }
  const others = [
    ...new Set(
      entriesOf(catalog, spec.type).flatMap((s) => s.endpoints.map((e) => interfaceOf(e.interface))),
    ),
  ]
  if (others.length > 0) {
    return {
      level: spec.required ? 'error' : 'warning',
      check: `interface:${spec.type}`,
      message: `${name} has no ${chosen} endpoint; it exists only on ${others.join(', ')}${
        spec.required ? '' : `, so ${spec.disables} will not work`
      }`,
      fix: `use interface "${others[0]}" (OS_INTERFACE / interface in clouds.yaml), or register a ${chosen} endpoint: openstack endpoint create ${spec.type} ${chosen} <url>`,
    }
  }
  return spec.required
    ? {
        level: 'error',
        check: `catalog:${spec.type}`,
        message: `${name} is missing from the catalog; Magnum cannot work without it`,
        fix: spec.fix,
      }
    : {
        level: 'warning',
        check: `catalog:${spec.type}`,
        message: `${name} is not in the catalog: ${spec.disables} will not work`,
        fix: spec.fix,
      }
}

/**
 * Heat's CloudFormation-compatible API (heat-api-cfn): wait conditions and software deployments
 * that signal through it never complete without it, and the stack sits until create_timeout.
 */
export function cloudformationFinding(catalog: readonly CatalogService[]): DoctorFinding {
  if (entriesOf(catalog, 'cloudformation').some((s) => s.endpoints.length > 0)) {
    return {
      level: 'ok',
      check: 'heat:cloudformation',
      message: 'Heat CloudFormation API (cloudformation) present',
      fix: '',
    }
  }
  return {
    level: 'warning',
    check: 'heat:cloudformation',
    message:
      'Heat\'s CloudFormation API (service type "cloudformation", heat-api-cfn) is not in the catalog: templates whose wait conditions signal through it time out',
    fix: 'deploy heat-api-cfn and register it: openstack service create --name heat-cfn cloudformation; openstack endpoint create cloudformation public http://<controller-ip>:8000/v1',
  }
}

/**
 * Public endpoints cluster VMs must reach (Keystone for auth_url, Heat for signals, Magnum,
 * Barbican…): a loopback or bare host name there is seed 000's "http://ctl01:9511" trap.
 */
export function endpointHostFindings(catalog: readonly CatalogService[]): DoctorFinding[] {
  const findings: DoctorFinding[] = []
  const seen = new Set<string>()
  for (const service of catalog) {
    for (const endpoint of service.endpoints) {
      if (interfaceOf(endpoint.interface) !== 'public' || seen.has(`${service.type} ${endpoint.url}`))
        continue
      seen.add(`${service.type} ${endpoint.url}`)
      const kind = classifyEndpointHost(endpoint.url)
      const host = kind === 'invalid' ? endpoint.url : new URL(endpoint.url).host
      const fix = `re-register the public endpoint with an address the cluster VMs can reach: openstack endpoint set --url <scheme>://<public-ip-or-fqdn>:<port>/… ${endpoint.id ?? '<endpoint-id>'}`
      if (kind === 'loopback') {
        findings.push({
          level: 'error',
          check: `endpoint-host:${service.type}`,
          message: `The public ${service.type} endpoint ${endpoint.url} points at ${host}, a loopback address: cluster VMs would call themselves`,
          fix,
        })
      } else if (kind === 'single-label') {
        findings.push({
          level: 'warning',
          check: `endpoint-host:${service.type}`,
          message: `The public ${service.type} endpoint ${endpoint.url} uses the bare host name ${host}, which cluster VMs usually cannot resolve (their stacks then time out)`,
          fix: `${fix}; or make sure the template's dns_nameserver resolves it`,
        })
      } else if (kind === 'invalid') {
        findings.push({
          level: 'error',
          check: `endpoint-host:${service.type}`,
          message: `The public ${service.type} endpoint "${endpoint.url}" is not a URL with a host`,
          fix,
        })
      }
    }
  }
  if (findings.length === 0) {
    findings.push({
      level: 'ok',
      check: 'endpoint-hosts',
      message: `${seen.size} public endpoints use addresses or dotted names cluster VMs can resolve`,
      fix: '',
    })
  }
  return findings
}
