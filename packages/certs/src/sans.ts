import { isIP } from 'node:net'
import { InvalidCertificateOptionError } from './errors.js'

/** Subject alternative names: DNS names and IP addresses (v4 or v6). */
export interface SubjectAltNames {
  dns?: readonly string[]
  ips?: readonly string[]
}

const label = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/

/** True for a DNS name a certificate may carry (a leading `*.` wildcard allowed). */
export function isDnsName(name: string): boolean {
  if (name.length === 0 || name.length > 253) return false
  const labels = (name.startsWith('*.') ? name.slice(2) : name).split('.')
  return labels.every((l) => label.test(l))
}

/** forge `altNames` for the SANs, after checking each one (the error names the bad entry). */
export function altNames(sans: SubjectAltNames, field = 'sans'): object[] {
  const out: object[] = []
  for (const [i, name] of (sans.dns ?? []).entries()) {
    if (typeof name !== 'string' || !isDnsName(name)) {
      throw new InvalidCertificateOptionError(`${field}.dns[${i}]`, `"${String(name)}" is not a DNS name`)
    }
    out.push({ type: 2, value: name })
  }
  for (const [i, ip] of (sans.ips ?? []).entries()) {
    if (typeof ip !== 'string' || isIP(ip) === 0) {
      throw new InvalidCertificateOptionError(
        `${field}.ips[${i}]`,
        `"${String(ip)}" is not an IPv4 or IPv6 address`,
      )
    }
    out.push({ type: 7, value: ipBytes(ip) })
  }
  return out
}

/** The 4 or 16 bytes of an address node:net accepts (forge's parser misses `::ffff:1.2.3.4` forms). */
export function ipBytes(ip: string): string {
  if (isIP(ip) === 4) return String.fromCharCode(...ip.split('.').map(Number))
  let text = ip.split('%')[0]!
  const groupsOf = (part: string): number[] =>
    part === '' ? [] : part.split(':').map((g) => Number.parseInt(g, 16))
  const tail: number[] = []
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)
  if (dotted) {
    const [a, b, c, d] = dotted[1]!.split('.').map(Number) as [number, number, number, number]
    tail.push((a << 8) | b, (c << 8) | d)
    text = text.slice(0, -dotted[1]!.length)
    if (text.endsWith(':') && !text.endsWith('::')) text = text.slice(0, -1)
  }
  const [head, rest] = text.split('::') as [string, string | undefined]
  const left = groupsOf(head)
  const right = [...(rest === undefined ? [] : groupsOf(rest)), ...tail]
  const fill = rest === undefined ? [] : new Array<number>(8 - left.length - right.length).fill(0)
  const groups = rest === undefined ? [...left, ...tail] : [...left, ...fill, ...right]
  return String.fromCharCode(...groups.flatMap((g) => [g >> 8, g & 0xff]))
}

/** Options of the Kubernetes API server's SAN set. */
export interface KubernetesSanOptions {
  /** The cluster's API address (IP or DNS name), e.g. the master floating IP or load balancer. */
  apiAddress?: string | undefined
  /** First IP of the service network: the `kubernetes` service (Magnum's default 10.254.0.1). */
  serviceIp?: string
  /** Cluster DNS domain (default cluster.local). */
  clusterDomain?: string
  extraDns?: readonly string[]
  extraIps?: readonly string[]
}

/**
 * The SANs a Kubernetes API server certificate needs: the API address, 127.0.0.1,
 * 10.254.0.1, kubernetes, kubernetes.default, kubernetes.default.svc and
 * kubernetes.default.svc.cluster.local.
 */
export function kubernetesServerSans(options: KubernetesSanOptions = {}): Required<SubjectAltNames> {
  const domain = options.clusterDomain ?? 'cluster.local'
  const ips = ['127.0.0.1', options.serviceIp ?? '10.254.0.1', ...(options.extraIps ?? [])]
  const dns = [
    'kubernetes',
    'kubernetes.default',
    'kubernetes.default.svc',
    `kubernetes.default.svc.${domain}`,
  ]
  dns.push(...(options.extraDns ?? []))
  const api = options.apiAddress
  if (api) (isIP(api) ? ips : dns).unshift(api)
  return { dns: [...new Set(dns)], ips: [...new Set(ips)] }
}
