import { classifyEndpointHost } from '@magnum-ts/core'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

const octet = fc.integer({ min: 0, max: 255 })
const scheme = fc.constantFrom('http', 'https')
const port = fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined })
const path = fc.constantFrom('', '/', '/v3', '/v2.1/%(project_id)s', '/identity/v3/')
const label = fc.stringMatching(/^[a-z][a-z0-9-]{0,14}[a-z0-9]$/).filter((l) => l !== 'localhost')
const url = (host: string, p: number | undefined, rest: string, s = 'http') =>
  `${s}://${host}${p === undefined ? '' : `:${p}`}${rest}`

describe('classifyEndpointHost', () => {
  it('seed 000: http://ctl01:9511/v1 is a bare host name', () => {
    expect(classifyEndpointHost('http://ctl01:9511/v1')).toBe('single-label')
    expect(classifyEndpointHost('http://ctl01.:5000/v3')).toBe('single-label')
  })

  it('loopback names and addresses', () => {
    for (const host of [
      'localhost',
      'LOCALHOST',
      'api.localhost',
      '127.0.0.1',
      '127.1',
      '0.0.0.0',
      '[::1]',
      '[::ffff:127.0.0.1]',
    ]) {
      expect(classifyEndpointHost(`http://${host}:5000/v3`), host).toBe('loopback')
    }
  })

  it('not a URL → invalid', () => {
    for (const value of ['', 'ctl01:9511', '/identity/v3', 'http://'])
      expect(classifyEndpointHost(value), value).toBe('invalid')
  })

  it('property: any 127.x.y.z is loopback, whatever the scheme, port and path', () => {
    fc.assert(
      fc.property(octet, octet, octet, scheme, port, path, (b, c, d, s, p, rest) => {
        expect(classifyEndpointHost(url(`127.${b}.${c}.${d}`, p, rest, s))).toBe('loopback')
      }),
    )
  })

  it('property: any other IPv4 address is an ip', () => {
    const first = fc.integer({ min: 1, max: 255 }).filter((n) => n !== 127)
    fc.assert(
      fc.property(first, octet, octet, octet, port, path, (a, b, c, d, p, rest) => {
        expect(classifyEndpointHost(url(`${a}.${b}.${c}.${d}`, p, rest))).toBe('ip')
      }),
    )
  })

  it('property: one label is single-label, two or more are a dns-name', () => {
    fc.assert(
      fc.property(
        label,
        fc.array(label, { minLength: 1, maxLength: 3 }),
        port,
        path,
        (head, tail, p, rest) => {
          // An all-digit final label would parse as an IPv4 number; the generator never ends in one.
          expect(classifyEndpointHost(url(head, p, rest))).toBe('single-label')
          expect(classifyEndpointHost(url([head, ...tail].join('.'), p, rest))).toBe('dns-name')
          expect(classifyEndpointHost(url(`${head}.localhost`, p, rest))).toBe('loopback')
        },
      ),
    )
  })

  it('property: the classification ignores scheme, port, path and letter case', () => {
    const host = fc.oneof(
      label,
      fc.tuple(label, label).map(([a, b]) => `${a}.${b}`),
      fc.tuple(octet, octet, octet, octet).map((o) => o.join('.')),
      fc.constant('localhost'),
    )
    fc.assert(
      fc.property(host, scheme, port, path, (h, s, p, rest) => {
        expect(classifyEndpointHost(url(h.toUpperCase(), p, rest, s))).toBe(
          classifyEndpointHost(`http://${h}`),
        )
      }),
    )
  })
})
