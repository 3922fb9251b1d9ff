/** IPv4 arithmetic for allocation pools (the fake allocates IPv4 only). */
export function ipToInt(ip: string): number {
  const parts = ip.split('.').map(Number)
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) {
    throw new Error(`Not an IPv4 address: ${ip}`)
  }
  return ((parts[0]! << 24) >>> 0) + (parts[1]! << 16) + (parts[2]! << 8) + parts[3]!
}

/** The dotted form of a 32-bit address. */
export function intToIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.')
}

/** First and last address of a CIDR (`10.0.0.0/24` → network and broadcast). */
export function cidrRange(cidr: string): { first: number; last: number; prefix: number } {
  const [address, bits] = cidr.split('/')
  const prefix = Number(bits)
  if (!address || !Number.isInteger(prefix) || prefix < 0 || prefix > 32)
    throw new Error(`Not an IPv4 CIDR: ${cidr}`)
  const size = 2 ** (32 - prefix)
  const first = Math.floor(ipToInt(address) / size) * size
  return { first, last: first + size - 1, prefix }
}

/** True when the address lies inside the CIDR. */
export function cidrContains(cidr: string, ip: string): boolean {
  const { first, last } = cidrRange(cidr)
  const n = ipToInt(ip)
  return n >= first && n <= last
}

/** Neutron's defaults for a subnet: gateway = first host, pool = the rest minus broadcast. */
export function defaultPool(cidr: string, gatewayIp: string | null): { start: string; end: string }[] {
  const { first, last, prefix } = cidrRange(cidr)
  if (prefix >= 31) return [{ start: intToIp(first), end: intToIp(last) }]
  const gateway = gatewayIp ? ipToInt(gatewayIp) : undefined
  const start = gateway === first + 1 ? first + 2 : first + 1
  return [{ start: intToIp(start), end: intToIp(last - 1) }]
}
