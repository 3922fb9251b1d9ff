import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { matchNameOrId } from '../src/index.js'

const resource = fc.record({ id: fc.uuid(), name: fc.string({ maxLength: 6 }) })
const resources = fc.uniqueArray(resource, { selector: (r) => r.id, maxLength: 12 })

describe('matchNameOrId', () => {
  it('an id always wins, whatever the names are', () => {
    fc.assert(
      fc.property(
        resources.filter((rs) => rs.length > 0),
        fc.nat(),
        (rs, i) => {
          const target = rs[i % rs.length]!
          const match = matchNameOrId(rs, target.id)
          expect(match).toEqual({ kind: 'id', item: target })
        },
      ),
    )
  })

  it('a name is found exactly when it is unique, ambiguous (listing all) when repeated, none when absent', () => {
    fc.assert(
      fc.property(resources, fc.string({ maxLength: 6 }), (rs, name) => {
        fc.pre(!rs.some((r) => r.id === name))
        const named = rs.filter((r) => r.name === name)
        const match = matchNameOrId(rs, name)
        if (named.length === 0) expect(match).toEqual({ kind: 'none' })
        else if (named.length === 1) expect(match).toEqual({ kind: 'name', item: named[0] })
        else expect(match).toEqual({ kind: 'ambiguous', items: named })
      }),
    )
  })

  it('never matches by prefix or case', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 8 }), (name) => {
        fc.pre(name !== 'x' && name !== 'y')
        const rs = [
          { id: 'x', name: `${name}-suffix` },
          { id: 'y', name: name.toUpperCase() === name ? `${name}a` : name.toUpperCase() },
        ]
        expect(matchNameOrId(rs, name)).toEqual({ kind: 'none' })
      }),
    )
  })
})
