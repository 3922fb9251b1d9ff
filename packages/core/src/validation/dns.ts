import { isIPv4 } from 'node:net'
import { InvalidDnsError, type MagnumValidationError } from '../errors.js'

/**
 * Parses `dns_nameserver`: a comma-separated string or a list of IPv4 addresses (they go into the
 * cluster's IPv4 private subnet). Empty entries are dropped; an empty result means "unset".
 */
export function parseDnsNameservers(
  value: unknown,
): { value: string[] | undefined } | { error: MagnumValidationError } {
  if (value === undefined || value === null) return { value: undefined }
  const items = typeof value === 'string' ? value.split(',') : Array.isArray(value) ? value : undefined
  if (items === undefined) return { error: dnsError(String(value)) }
  const addresses: string[] = []
  for (const item of items) {
    if (typeof item !== 'string') return { error: dnsError(String(item)) }
    const address = item.trim()
    if (address === '') continue
    if (!isIPv4(address)) return { error: dnsError(address) }
    addresses.push(address)
  }
  return { value: addresses.length > 0 ? addresses : undefined }
}

function dnsError(entry: string): InvalidDnsError {
  return new InvalidDnsError({
    field: 'dns_nameserver',
    message: `Provided DNS nameserver "${entry}" is not a valid IPv4 address`,
    fix: 'give one or more IPv4 addresses separated by commas, e.g. "8.8.8.8,1.1.1.1"',
  })
}
