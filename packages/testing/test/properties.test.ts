import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseAuthRequest } from '../src/index.js'
import { cidrContains, cidrRange, defaultPool, intToIp, ipToInt } from '../src/network/ip.js'
import { requestedVersion } from '../src/server/microversion.js'
import { compilePath, matchPath } from '../src/server/path-match.js'

const segment = fc.stringMatching(/^[A-Za-z0-9._~-]{1,12}$/)

describe('parsers and helpers (properties)', () => {
  it('IPv4 text and integers round-trip', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), (n) => ipToInt(intToIp(n)) === n))
  })

  it('a CIDR contains exactly its range, and the default pool stays inside it and off the gateway', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 8, max: 30 }), (n, prefix) => {
        const cidr = `${intToIp(n)}/${prefix}`
        const { first, last } = cidrRange(cidr)
        expect(last - first + 1).toBe(2 ** (32 - prefix))
        expect(cidrContains(cidr, intToIp(n))).toBe(true)
        if (last < 2 ** 32 - 1) expect(cidrContains(cidr, intToIp(last + 1))).toBe(false)
        const gateway = intToIp(first + 1)
        const [pool] = defaultPool(cidr, gateway)
        expect(ipToInt(pool!.start)).toBeGreaterThan(first + 1)
        expect(ipToInt(pool!.end)).toBeLessThan(last)
      }),
    )
  })

  it('path patterns capture each :param and match nothing longer', () => {
    fc.assert(
      fc.property(segment, segment, (a, b) => {
        const pattern = compilePath('/servers/:id/os-volume_attachments/:volumeId')
        expect(matchPath(pattern, `/servers/${a}/os-volume_attachments/${b}`)).toEqual({ id: a, volumeId: b })
        expect(matchPath(pattern, `/servers/${a}/os-volume_attachments/${b}/extra`)).toBeUndefined()
        expect(matchPath(pattern, `/servers/${a}`)).toBeUndefined()
      }),
    )
  })

  it('any microversion inside the range is accepted as asked, any outside is a 406', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 120 }), (major, minor) => {
        const headers = new Headers({ 'OpenStack-API-Version': `compute ${major}.${minor}` })
        const inside = major === 2 && minor >= 1 && minor <= 96
        const run = () => requestedVersion(headers, { serviceKey: 'compute', min: '2.1', max: '2.96' })
        if (inside) expect(run()).toEqual([major, minor])
        else expect(run).toThrow(expect.objectContaining({ status: 406 }))
      }),
    )
  })

  it('parseAuthRequest never throws and only accepts bodies with a methods list', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const parsed = parseAuthRequest(value)
        const methods = (value as { auth?: { identity?: { methods?: unknown } } } | null)?.auth?.identity
          ?.methods
        if (parsed) expect(parsed.methods).toEqual(methods)
        else
          expect(
            Array.isArray(methods) &&
              methods.every((m) => typeof m === 'string') &&
              typeof (value as Json).auth === 'object',
          ).toBe(false)
      }),
    )
  })
})

// biome-ignore lint/suspicious/noExplicitAny: reading arbitrary JSON in an assertion
type Json = any
