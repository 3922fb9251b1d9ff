import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type EvalScope, evaluate, referencedResources } from '../../src/orchestration/functions.js'

function scope(params: Record<string, unknown> = {}, conditions: Record<string, boolean> = {}): EvalScope {
  return {
    parameter: (n) => params[n],
    resourceRef: (n) => `id-of-${n}`,
    attribute: (r, a, path) => ({ r, a, path }),
    file: (p) => `content of ${p}`,
    condition: (n) => conditions[n] ?? false,
    hasResource: (n) => n !== 'missing',
  }
}

describe('intrinsic functions of the mini Heat', () => {
  it('reads parameters, with a path into json values', () => {
    const s = scope({ cfg: { a: [10, 20] }, name: 'x' })
    expect(evaluate({ get_param: 'name' }, s)).toBe('x')
    expect(evaluate({ get_param: ['cfg', 'a', 1] }, s)).toBe(20)
    expect(evaluate({ get_param: ['cfg', 'nope'] }, s)).toBeNull()
  })

  it('resolves get_resource, get_attr and get_file; an unknown resource is a 400', () => {
    const s = scope()
    expect(evaluate({ get_resource: 'net' }, s)).toBe('id-of-net')
    expect(evaluate({ get_attr: ['server', 'networks', 'private', 0] }, s)).toEqual({
      r: 'server',
      a: 'networks',
      path: ['private', 0],
    })
    expect(evaluate({ get_file: 'a.sh' }, s)).toBe('content of a.sh')
    expect(() => evaluate({ get_resource: 'missing' }, s)).toThrow(/missing/)
  })

  it('str_replace replaces every occurrence, longest key first', () => {
    const out = evaluate({ str_replace: { template: '$a $ab $a', params: { $a: 'x', $ab: 'y' } } }, scope())
    expect(out).toBe('x y x')
    expect(() =>
      evaluate({ str_replace_strict: { template: 'abc', params: { zzz: '1' } } }, scope()),
    ).toThrow(/zzz/)
  })

  it('list_join joins any number of lists', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string())), fc.string({ maxLength: 3 }), (lists, sep) => {
        expect(evaluate({ list_join: [sep, ...lists] }, scope())).toBe(lists.flat().join(sep))
      }),
    )
  })

  it('if/equals/not/and/or follow boolean logic over named conditions', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.boolean(), (a, b) => {
        const s = scope({}, { a, b })
        expect(evaluate({ if: [{ and: ['a', 'b'] }, 1, 2] }, s)).toBe(a && b ? 1 : 2)
        expect(evaluate({ if: [{ or: ['a', { not: 'b' }] }, 1, 2] }, s)).toBe(a || !b ? 1 : 2)
        expect(evaluate({ equals: [a, b] }, s)).toBe(a === b)
      }),
    )
  })

  it('repeat makes one copy per combination (or per position without permutations)', () => {
    const s = scope({ ports: [22, 80] })
    expect(
      evaluate({ repeat: { for_each: { '%p%': { get_param: 'ports' } }, template: { port: '%p%' } } }, s),
    ).toEqual([{ port: 22 }, { port: 80 }])
    expect(evaluate({ repeat: { for_each: { A: ['1', '2'], B: ['x', 'y'] }, template: 'A-B' } }, s)).toEqual([
      '1-x',
      '1-y',
      '2-x',
      '2-y',
    ])
    expect(
      evaluate(
        { repeat: { for_each: { A: ['1', '2'], B: ['x', 'y'] }, template: 'A-B', permutations: false } },
        s,
      ),
    ).toEqual(['1-x', '2-y'])
  })

  it('leaves plain values alone and finds implicit dependencies', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        // JSON without one-key maps naming a function evaluates to itself.
        const plain = JSON.parse(
          JSON.stringify(value).replace(
            /"(get_|str_|list_|if|not|and|or|equals|repeat|map_|digest|yaql|filter|contains|make_url|resource_facade|Fn::)/g,
            '"x$1',
          ),
        )
        expect(evaluate(plain, scope())).toEqual(plain)
      }),
    )
    // Found by the property above: keys Object.prototype has are data too.
    for (const key of ['__proto__', 'toString', 'constructor']) {
      const value = JSON.parse(`{"${key}": {"a": 1}}`)
      expect(evaluate(value, scope())).toEqual(value)
    }
    expect(
      [...referencedResources({ a: [{ get_resource: 'x' }, { b: { get_attr: ['y', 'z'] } }] })].sort(),
    ).toEqual(['x', 'y'])
  })
})
