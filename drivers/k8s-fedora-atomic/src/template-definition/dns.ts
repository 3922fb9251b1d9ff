/**
 * The cluster DNS service address. kubelet's `--cluster-dns` and CoreDNS's Service must agree on
 * it, and it must lie inside the service (portal) network, so a cluster that moves the portal
 * network with `service_cluster_ip_range` gets its DNS address moved along (the tenth address).
 */

/** The portal network kubecluster.yaml uses when no `service_cluster_ip_range` label says otherwise. */
export const DEFAULT_PORTAL_NETWORK_CIDR = '10.254.0.0/16'
/** kubecluster.yaml's `dns_service_ip` default: the tenth address of the default portal network. */
export const DEFAULT_DNS_SERVICE_IP = '10.254.0.10'
export const DEFAULT_DNS_CLUSTER_DOMAIN = 'cluster.local'

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/

/** An IPv4 address as an unsigned 32-bit number, or undefined when `text` is not one. */
export function ipv4ToNumber(text: string): number | undefined {
  const m = IPV4.exec(text.trim())
  if (!m) return undefined
  const octets = m.slice(1).map(Number)
  if (octets.some((o) => o > 255)) return undefined
  return octets.reduce((n, o) => n * 256 + o, 0)
}

function numberToIpv4(n: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.')
}

/** The first and last address of an IPv4 CIDR, or undefined when `cidr` is not one. */
export function ipv4CidrRange(cidr: string): { first: number; last: number } | undefined {
  const [address, prefixText, ...rest] = cidr.trim().split('/')
  const base = ipv4ToNumber(address ?? '')
  const prefix = Number(prefixText)
  if (base === undefined || rest.length > 0 || !/^\d{1,2}$/.test(prefixText ?? '') || prefix > 32)
    return undefined
  const size = 2 ** (32 - prefix)
  const first = base - (base % size)
  return { first, last: first + size - 1 }
}

/** The tenth address of `cidr` (Kubernetes' convention for the DNS service), if the network has one. */
export function dnsServiceIpFor(cidr: string): string | undefined {
  const range = ipv4CidrRange(cidr)
  if (!range || range.last - range.first < 11) return undefined
  return numberToIpv4(range.first + 10)
}
