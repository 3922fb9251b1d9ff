/**
 * Service-type aliases from the OpenStack service-types authority: a request for any name
 * in a group matches a catalog entry of any other name in it (clouds still register
 * `volumev3`, `volume`, `container`, … under old names).
 */
const GROUPS: readonly (readonly string[])[] = [
  ['block-storage', 'volumev3', 'volumev2', 'volume', 'block-store'],
  ['load-balancer', 'octavia'],
  ['key-manager', 'barbican'],
  ['container-infra', 'container-infrastructure-management', 'container-infrastructure', 'container'],
  ['orchestration', 'heat'],
  ['identity', 'keystone'],
  ['image', 'glance'],
  ['compute', 'nova'],
  ['network', 'neutron'],
  ['placement'],
  ['cloudformation'],
]

const CANONICAL = new Map<string, string>()
for (const group of GROUPS) for (const name of group) CANONICAL.set(name, group[0]!)

/** The authority's official name for a service type or one of its aliases (unknown types pass through). */
export function canonicalServiceType(type: string): string {
  const normalised = type.trim().toLowerCase().replaceAll('_', '-')
  return CANONICAL.get(normalised) ?? normalised
}

/** Every name that denotes the same service, official name first. */
export function serviceTypeAliases(type: string): readonly string[] {
  const canonical = canonicalServiceType(type)
  return GROUPS.find((g) => g[0] === canonical) ?? [canonical]
}
