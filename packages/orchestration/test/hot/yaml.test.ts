import { dumpTemplate, parseEnvironment, parseTemplate, TemplateError } from '@magnum-ts/orchestration'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

describe('parseTemplate', () => {
  it('keeps HOT date versions as strings and reads YAML 1.1 scalars the way Heat does', () => {
    const t = parseTemplate(
      'heat_template_version: 2016-10-14\nparameters:\n  p: {type: boolean, default: yes}\n  mode: {type: string, default: "0755"}\n',
    )
    expect(t.heat_template_version).toBe('2016-10-14')
    expect(t.parameters?.p?.default).toBe(true)
    expect(t.parameters?.mode?.default).toBe('0755')
  })

  it('keeps key order', () => {
    const t = parseTemplate(
      'heat_template_version: rocky\nresources:\n  zeta: {type: A}\n  alpha: {type: B}\n  mid: {type: C}\n',
    )
    expect(Object.keys(t.resources!)).toEqual(['zeta', 'alpha', 'mid'])
  })

  it('rejects YAML syntax errors with source, line and column', () => {
    try {
      parseTemplate('heat_template_version: 2018-08-31\nresources:\n  a: {type: [\n', 'kubecluster.yaml')
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(TemplateError)
      const e = error as TemplateError
      expect(e.code).toBe('TEMPLATE_INVALID')
      expect(e.source).toBe('kubecluster.yaml')
      expect(e.line).toBeGreaterThan(0)
      expect(e.message).toMatch(/^kubecluster\.yaml:\d+:\d+: /)
    }
  })

  it('keeps the last of duplicate keys, as Heat does', () => {
    const t = parseTemplate(
      'heat_template_version: rocky\nparameters:\n  a: {type: string}\n  a: {type: number}\n',
    )
    expect(t.parameters).toEqual({ a: { type: 'number' } })
  })

  it('rejects a non-mapping and a missing version', () => {
    expect(() => parseTemplate('- a\n- b\n')).toThrow(/must be a YAML mapping/)
    expect(() => parseTemplate('resources: {}\n')).toThrow(/heat_template_version is missing/)
  })

  it('reads an empty environment as {}', () => {
    expect(parseEnvironment('')).toEqual({})
    expect(parseEnvironment('resource_registry: {"A::B": OS::Heat::None}')).toEqual({
      resource_registry: { 'A::B': 'OS::Heat::None' },
    })
    expect(() => parseEnvironment('[1]')).toThrow(TemplateError)
  })
})

// Strings YAML 1.1 would read as something else unless quoted, mixed with arbitrary ones.
const trickyString = fc.oneof(
  fc.constantFrom(
    '2016-10-14',
    'yes',
    'no',
    'on',
    'off',
    '0755',
    '1:20',
    'null',
    '~',
    '1e3',
    '.5',
    '',
    ' x',
    'a: b',
    '#c',
    '- d',
  ),
  fc.string(),
  fc.string({ unit: 'grapheme' }),
)
const key = fc.string({ minLength: 1, maxLength: 12 }).filter((k) => k !== '__proto__' && k !== '<<')
const value = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small' },
    trickyString,
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('node'), { maxLength: 4 }),
    fc.dictionary(key, tie('node'), { maxKeys: 4 }),
  ),
})).node

describe('dumpTemplate / parseTemplate round trip (property)', () => {
  it('parse(dump(t)) deep-equals t, key order included', () => {
    fc.assert(
      fc.property(fc.dictionary(key, value, { maxKeys: 6 }), (rest) => {
        const t = { heat_template_version: '2018-08-31', ...rest }
        const back = parseTemplate(dumpTemplate(t as never))
        expect(back).toEqual(t)
        expect(JSON.stringify(back)).toBe(JSON.stringify(t))
      }),
      { numRuns: 300 },
    )
  })

  it('multi-line scripts come back byte for byte', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { minLength: 2, maxLength: 6 }), (lines) => {
        const script = `${lines.join('\n')}\n`
        const t = {
          heat_template_version: 'rocky',
          resources: { c: { type: 'OS::Heat::SoftwareConfig', properties: { config: script } } },
        }
        expect(parseTemplate(dumpTemplate(t)).resources!.c!.properties!.config).toBe(script)
      }),
    )
  })
})
