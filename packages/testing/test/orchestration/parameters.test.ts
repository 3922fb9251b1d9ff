import { createStack, getStack, type HotTemplate, outputValues, waitForStack } from '@magnum-ts/orchestration'
import { createFakeCloud } from '@magnum-ts/testing'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ApiError } from '../../src/index.js'
import { resolveParameters } from '../../src/orchestration/parameters.js'
import { emptyCloudState } from '../../src/state.js'

const state = emptyCloudState()
const resolve = (template: HotTemplate, given: Record<string, unknown>, defaults = {}) =>
  resolveParameters(template, given, defaults, state, { strict: true })

const template: HotTemplate = {
  heat_template_version: '2018-08-31',
  parameters: {
    count: { type: 'number', default: 1, constraints: [{ range: { min: 0, max: 5 } }] },
    name: {
      type: 'string',
      default: 'n',
      constraints: [{ length: { min: 1, max: 8 } }, { allowed_pattern: '[a-z]+' }],
    },
    zones: { type: 'comma_delimited_list', default: 'a,b' },
    flag: { type: 'boolean', default: false },
    cfg: { type: 'json', default: {} },
    size: { type: 'string', default: 'small', constraints: [{ allowed_values: ['small', 'big'] }] },
  },
}

function message(fn: () => unknown): string {
  try {
    fn()
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).status).toBe(400)
    return (error as ApiError).message
  }
  throw new Error('expected a 400')
}

describe('parameters of the mini Heat', () => {
  it('takes given values, then parameter_defaults, then template defaults, typed', () => {
    expect(
      resolve(template, { count: '3', zones: 'x, y', flag: 'yes', cfg: '{"a":1}' }, { name: 'abc' }),
    ).toEqual({
      count: 3,
      name: 'abc',
      zones: ['x', 'y'],
      flag: true,
      cfg: { a: 1 },
      size: 'small',
    })
  })

  it('accepts exactly the numbers inside a range constraint', () => {
    fc.assert(
      fc.property(fc.integer({ min: -20, max: 20 }), (n) => {
        if (n >= 0 && n <= 5) expect(resolve(template, { count: n }).count).toBe(n)
        else
          expect(message(() => resolve(template, { count: n }))).toBe(
            `Parameter 'count' is invalid: ${n} is out of range (min: 0, max: 5)`,
          )
      }),
    )
  })

  it('names the parameter and the rule for length, pattern and allowed values', () => {
    expect(message(() => resolve(template, { name: 'waytoolongname' }))).toContain(
      "Parameter 'name' is invalid: length (14)",
    )
    expect(message(() => resolve(template, { name: 'ABC' }))).toContain('does not match pattern')
    expect(message(() => resolve(template, { size: 'huge' }))).toContain(
      '"huge" is not an allowed value [small, big]',
    )
    expect(message(() => resolve(template, { count: 'many' }))).toContain("Parameter 'count' is invalid")
  })

  it('refuses parameters the template does not declare, and missing required ones', () => {
    expect(message(() => resolve(template, { nope: 1 }))).toBe(
      'The Parameter (nope) was not defined in template.',
    )
    const required: HotTemplate = {
      heat_template_version: '2018-08-31',
      parameters: { key: { type: 'string' } },
    }
    expect(message(() => resolve(required, {}))).toBe('The Parameter (key) was not provided.')
  })
})

describe('null parameters', () => {
  it('a null value takes the template default, as real Heat does', async () => {
    const cloud = createFakeCloud({ heat: { resourceSeconds: 0 } })
    const session = cloud.session()
    const template = `heat_template_version: 2016-10-14
parameters:
  tag: { type: string, default: v1.30.0 }
resources: {}
outputs:
  tag: { value: { get_param: tag } }
`
    const stack = await createStack(session, { name: 'nulls', template, parameters: { tag: null } })
    await waitForStack(session, stack.id, { until: 'CREATE_COMPLETE', pollIntervalMs: 1 })
    expect(outputValues((await getStack(session, stack.id)).outputs).tag).toBe('v1.30.0')
  })
})
