import { InvalidDnsError, parseDnsNameservers } from '@magnum-ts/core'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

function value(result: ReturnType<typeof parseDnsNameservers>): string[] | undefined {
  if ('error' in result) throw result.error
  return result.value
}

describe('parseDnsNameservers', () => {
  it('splits the wire form on commas and trims', () => {
    expect(value(parseDnsNameservers('8.8.8.8, 1.1.1.1'))).toEqual(['8.8.8.8', '1.1.1.1'])
    expect(value(parseDnsNameservers(['223.5.5.5']))).toEqual(['223.5.5.5'])
    expect(value(parseDnsNameservers(''))).toBeUndefined()
    expect(value(parseDnsNameservers(undefined))).toBeUndefined()
  })

  it.each(['8.8.8', 'dns.google', '8.8.8.8;1.1.1.1', '256.1.1.1', '2001:4860:4860::8888'])(
    'rejects %j with InvalidDns (400) naming dns_nameserver',
    (input) => {
      const result = parseDnsNameservers(input)
      expect('error' in result && result.error).toBeInstanceOf(InvalidDnsError)
      if ('error' in result) {
        expect(result.error.status).toBe(400)
        expect(result.error.field).toBe('dns_nameserver')
        expect(result.error.fix).toMatch(/IPv4/)
      }
    },
  )

  it('property: any list of IPv4 addresses round-trips through the comma-separated form', () => {
    fc.assert(
      fc.property(fc.array(fc.ipV4(), { minLength: 1, maxLength: 6 }), (ips) => {
        expect(value(parseDnsNameservers(ips.join(',')))).toEqual(ips)
        expect(value(parseDnsNameservers(ips))).toEqual(ips)
      }),
    )
  })

  it('property: a list with one entry that is not an address is refused', () => {
    const notAnIp = fc
      .string({ minLength: 1 })
      .filter((s) => !s.includes(',') && !/^\s*(\d{1,3}\.){3}\d{1,3}\s*$/.test(s) && s.trim() !== '')
    fc.assert(
      fc.property(fc.array(fc.ipV4(), { maxLength: 3 }), notAnIp, (ips, bad) => {
        expect('error' in parseDnsNameservers([...ips, bad].join(','))).toBe(true)
      }),
    )
  })
})
