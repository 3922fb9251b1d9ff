/**
 * How a cluster VM would fare with an endpoint's host:
 * - `loopback`: localhost, 127.0.0.0/8, ::1, 0.0.0.0 — the VM reaches itself, never the cloud;
 * - `single-label`: a bare host name such as `ctl01` (seed 000), resolvable only where the
 *   controller's /etc/hosts or DNS search domain reaches, which a fresh VM's usually does not;
 * - `ip`: an address literal; `dns-name`: a dotted name; `invalid`: not a URL with a host.
 */
export type EndpointHostKind = 'loopback' | 'single-label' | 'ip' | 'dns-name' | 'invalid'

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/

/** Classifies the host of an endpoint URL (after WHATWG URL normalisation: `127.1` is `127.0.0.1`). */
export function classifyEndpointHost(endpointUrl: string): EndpointHostKind {
  let hostname: string
  try {
    hostname = new URL(endpointUrl).hostname
  } catch {
    return 'invalid'
  }
  // A trailing dot roots the name in DNS without adding a label.
  const host = hostname.replace(/\.$/, '')
  if (host === '') return 'invalid'
  if (host.startsWith('[')) {
    // IPv6 literal; `::ffff:7fxx:xxxx` is IPv4-mapped 127/8.
    return host === '[::1]' || host === '[::]' || /^\[::ffff:7f[0-9a-f]{2}:/.test(host) ? 'loopback' : 'ip'
  }
  const ipv4 = IPV4.exec(host)
  if (ipv4) return ipv4[1] === '127' || ipv4[1] === '0' ? 'loopback' : 'ip'
  if (host === 'localhost' || host.endsWith('.localhost')) return 'loopback'
  return host.includes('.') ? 'dns-name' : 'single-label'
}
