import { dumpTemplate, fn, type HotTemplate, lintTemplate } from '@magnum-ts/orchestration'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

/**
 * Random well-formed templates: parameters, and resources that refer to parameters and to
 * earlier resources only (so no cycles), by get_param, get_resource, get_attr and depends_on.
 */
const wellFormed = fc
  .record({
    params: fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9_]{0,8}$/), { minLength: 1, maxLength: 5 }),
    resources: fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9_]{0,8}$/), { minLength: 1, maxLength: 6 }),
    picks: fc.array(fc.nat(), { minLength: 30, maxLength: 30 }),
  })
  .map(({ params, resources, picks }) => {
    let k = 0
    const pick = <T>(xs: readonly T[]) => xs[picks[k++ % picks.length]! % xs.length]!
    const t: HotTemplate = {
      heat_template_version: '2018-08-31',
      parameters: Object.fromEntries(params.map((p) => [p, { type: 'string', default: 'x' }])),
      resources: {},
      outputs: {},
    }
    resources.forEach((name, i) => {
      const earlier = resources.slice(0, i)
      const properties: Record<string, unknown> = { a: fn.getParam(pick(params)) }
      if (earlier.length) {
        properties.b = fn.getResource(pick(earlier))
        properties.c = fn.listJoin('-', [fn.getAttr(pick(earlier), 'value'), fn.getParam(pick(params))])
      }
      t.resources![name] = {
        type: 'OS::Heat::None',
        properties,
        ...(earlier.length ? { depends_on: [pick(earlier)] } : {}),
      }
    })
    t.outputs!.out = { value: fn.getAttr(pick(resources), 'value') }
    return t
  })

describe('lintTemplate (property)', () => {
  it('finds nothing in any well-formed template, as object or as YAML', () => {
    fc.assert(
      fc.property(wellFormed, (t) => {
        expect(lintTemplate({ template: t })).toEqual([])
        expect(lintTemplate({ template: dumpTemplate(t) })).toEqual([])
      }),
    )
  })

  it('finds exactly the one reference that was broken, at its path', () => {
    fc.assert(
      fc.property(wellFormed, fc.constantFrom('get_param', 'get_resource', 'get_attr'), (t, kind) => {
        const first = Object.keys(t.resources!)[0]!
        const call =
          kind === 'get_param'
            ? fn.getParam('zz_missing')
            : kind === 'get_resource'
              ? fn.getResource('zz_missing')
              : fn.getAttr('zz_missing', 'v')
        t.resources![first]!.properties!.broken = call
        const findings = lintTemplate({ template: t })
        const at = `resources.${first}.properties.broken.${kind}${kind === 'get_attr' ? '[0]' : ''}`
        expect(findings).toEqual([
          {
            rule: kind === 'get_param' ? 'undefined-parameter' : 'undefined-resource',
            path: at,
            message: expect.stringContaining('"zz_missing"'),
          },
        ])
      }),
    )
  })

  it('finds a cycle whenever the last resource is made a dependency of the first', () => {
    fc.assert(
      fc.property(
        wellFormed.filter((t) => Object.keys(t.resources!).length > 1),
        (t) => {
          const names = Object.keys(t.resources!)
          // Make every resource depend on its predecessor, then close the loop.
          names.forEach((n, i) => {
            if (i > 0) t.resources![n]!.depends_on = [names[i - 1]!]
          })
          t.resources![names[0]!]!.depends_on = [names.at(-1)!]
          // Implicit edges (get_resource, get_attr) may close smaller loops too: each is reported.
          const findings = lintTemplate({ template: t })
          expect(findings.length).toBeGreaterThan(0)
          expect(new Set(findings.map((f) => f.rule))).toEqual(new Set(['dependency-cycle']))
          expect(findings.some((f) => f.path.startsWith('resources.'))).toBe(true)
        },
      ),
    )
  })
})
