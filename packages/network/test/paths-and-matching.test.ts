import type { Session } from '@magnum-ts/auth'
import { AmbiguousResourceError, matchNameOrId, ResourceNotFoundError } from '@magnum-ts/auth'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { pickOne } from '../src/internal/find.js'
import { cinderPath, neutronPath, octaviaPath } from '../src/internal/services.js'

/** Only `endpoint` is used by the path builders. */
const sessionAt = (url: string) => ({ endpoint: async () => url }) as unknown as Session

const host = fc.constantFrom('http://neutron.test', 'https://cloud.example.com:9696', 'http://10.0.0.1')
const prefix = fc.constantFrom('', '/network', '/api/net')
const segment = fc.stringMatching(/^[a-z][a-z-]{0,10}$/)

describe('service paths', () => {
  it('Neutron: exactly one /v2.0 whether or not the endpoint has it', async () => {
    await fc.assert(
      fc.asyncProperty(
        host,
        prefix,
        fc.boolean(),
        fc.boolean(),
        segment,
        async (h, p, versioned, slash, seg) => {
          const endpoint = `${h}${p}${versioned ? '/v2.0' : ''}${slash ? '/' : ''}`
          const path = await neutronPath(sessionAt(endpoint), `/${seg}`)
          const full = `${endpoint.replace(/\/+$/, '')}${path}`
          expect(full.match(/\/v2\.0\//g)).toHaveLength(1)
          expect(full.endsWith(`/v2.0/${seg}`)).toBe(true)
        },
      ),
    )
  })

  it('Octavia: exactly one /v2 before /lbaas', async () => {
    await fc.assert(
      fc.asyncProperty(host, prefix, fc.boolean(), async (h, p, versioned) => {
        const endpoint = `${h}${p}${versioned ? '/v2' : ''}`
        const full = `${endpoint}${await octaviaPath(sessionAt(endpoint), '/lbaas/pools')}`
        expect(full.match(/\/v2\//g)).toHaveLength(1)
        expect(full.endsWith('/v2/lbaas/pools')).toBe(true)
      }),
    )
  })

  it('Cinder: keeps /v3/<project> endpoints as they are, adds /v3 to bare ones', async () => {
    await fc.assert(
      fc.asyncProperty(host, fc.option(fc.stringMatching(/^[0-9a-f]{32}$/)), async (h, project) => {
        const endpoint = project === null ? h : `${h}/v3/${project}`
        const full = `${endpoint}${await cinderPath(sessionAt(endpoint), '/types')}`
        expect(full.match(/\/v3\//g)).toHaveLength(1)
        expect(full).toBe(project === null ? `${h}/v3/types` : `${h}/v3/${project}/types`)
      }),
    )
  })
})

describe('pickOne (name-or-id resolution)', () => {
  const items = fc.uniqueArray(fc.record({ id: fc.uuid(), name: fc.constantFrom('a', 'b', 'c', 'd') }), {
    selector: (r) => r.id,
    maxLength: 10,
  })

  it('agrees with matchNameOrId: returns the match, or throws the matching typed error', () => {
    fc.assert(
      fc.property(items, fc.constantFrom('a', 'b', 'c', 'd', 'e'), (rs, name) => {
        const match = matchNameOrId(rs, name)
        if (match.kind === 'name' || match.kind === 'id') expect(pickOne(rs, name, 'thing')).toBe(match.item)
        else if (match.kind === 'ambiguous') {
          expect(() => pickOne(rs, name, 'thing')).toThrow(AmbiguousResourceError)
        } else expect(() => pickOne(rs, name, 'thing')).toThrow(ResourceNotFoundError)
      }),
    )
  })

  it('the ambiguity error lists every match and only matches', () => {
    fc.assert(
      fc.property(items, (rs) => {
        const named = rs.filter((r) => r.name === 'a')
        fc.pre(named.length > 1)
        try {
          pickOne(rs, 'a', 'thing')
          expect.unreachable()
        } catch (error) {
          expect((error as AmbiguousResourceError).matches).toEqual(
            named.map((r) => ({ id: r.id, name: 'a' })),
          )
        }
      }),
    )
  })
})
