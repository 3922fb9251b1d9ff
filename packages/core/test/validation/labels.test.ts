import { effectiveLabels, normaliseLabels } from '@magnum-ts/core'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

describe('normaliseLabels', () => {
  it('stores numbers and booleans as strings, as Magnum does', () => {
    expect(normaliseLabels({ etcd_volume_size: 5, kube_dashboard_enabled: true })).toEqual({
      value: { etcd_volume_size: '5', kube_dashboard_enabled: 'true' },
    })
  })

  it('accepts a string holding a JSON object (PATCH replace /labels)', () => {
    expect(normaliseLabels('{"kube_tag":"v1.15.7"}')).toEqual({ value: { kube_tag: 'v1.15.7' } })
  })

  it.each([[['a']], ['not json'], ['[1]'], [42]])('refuses %j as a whole', (input) => {
    const result = normaliseLabels(input)
    expect('error' in result && result.error.field).toBe('labels')
  })

  it('names the label whose value is not a scalar', () => {
    const result = normaliseLabels({ good: 'x', nested: { a: 1 } })
    expect('error' in result && result.error.field).toBe('labels.nested')
    expect('error' in result && result.error.status).toBe(400)
  })

  it('property: any string map is kept as it is', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ minLength: 1 }), fc.string()), (labels) => {
        expect(normaliseLabels(labels)).toEqual({ value: { ...labels } })
        expect(normaliseLabels(JSON.stringify(labels))).toEqual({ value: { ...labels } })
      }),
    )
  })

  it('property: a map with any object, array or null value is refused, naming that key', () => {
    const bad = fc.oneof(fc.constant(null), fc.array(fc.string()), fc.object())
    fc.assert(
      fc.property(
        fc.dictionary(fc.string({ minLength: 1 }), fc.string()),
        fc.string({ minLength: 1 }),
        bad,
        (labels, key, v) => {
          const result = normaliseLabels({ ...labels, [key]: v })
          expect('error' in result).toBe(true)
          if ('error' in result) expect(result.error.field).toBe(`labels.${key}`)
        },
      ),
    )
  })
})

describe('effectiveLabels', () => {
  const template = { kube_tag: 'v1.15.7', flannel_backend: 'vxlan' }

  it('inherits the template labels when the cluster gives none', () => {
    expect(effectiveLabels(template, undefined)).toEqual(template)
  })

  it('replaces the template labels by default (no merge, as Magnum)', () => {
    expect(effectiveLabels(template, { kube_tag: 'v1.16.0' })).toEqual({ kube_tag: 'v1.16.0' })
  })

  it('lays the cluster labels over the template labels with mergeLabels', () => {
    expect(effectiveLabels(template, { kube_tag: 'v1.16.0' }, true)).toEqual({
      kube_tag: 'v1.16.0',
      flannel_backend: 'vxlan',
    })
  })

  it('property: merge keeps every cluster label and every template label the cluster does not override', () => {
    const map = fc.dictionary(fc.string({ minLength: 1 }), fc.string())
    fc.assert(
      fc.property(map, map, (t, c) => {
        const merged = effectiveLabels(t, c, true)
        for (const [k, v] of Object.entries(c)) expect(merged[k]).toBe(v)
        for (const [k, v] of Object.entries(t)) if (!Object.hasOwn(c, k)) expect(merged[k]).toBe(v)
      }),
    )
  })
})

describe('normaliseLabels and a label named __proto__', () => {
  it('keeps it as an ordinary label', () => {
    const result = normaliseLabels(JSON.parse('{"__proto__":"x","a":"b"}'))
    expect('value' in result && Object.keys(result.value)).toEqual(['__proto__', 'a'])
    expect('value' in result && Object.getPrototypeOf(result.value)).toBe(Object.prototype)
  })
})
