import {
  constraint,
  dumpTemplate,
  fn,
  hotTemplate,
  intrinsicName,
  output,
  parameter,
  resource,
} from '@magnum-ts/orchestration'
import { describe, expect, it } from 'vitest'

describe('HOT builders', () => {
  it('build the documents HOT expects, sections in HOT order', () => {
    const t = hotTemplate({
      description: 'demo',
      outputs: { id: output(fn.getResource('rand'), 'the id') },
      resources: {
        rand: resource(
          'OS::Heat::RandomString',
          { length: fn.getParam('len') },
          { dependsOn: 'none', deletionPolicy: 'Retain' },
        ),
        none: resource('OS::Heat::None', undefined, { condition: 'big' }),
      },
      conditions: { big: fn.not(fn.equals(fn.getParam('len'), 8)) },
      parameters: {
        len: parameter('number', { default: 8, constraints: [constraint.range({ min: 4 }, 'at least 4')] }),
      },
    })
    expect(Object.keys(t)).toEqual([
      'heat_template_version',
      'description',
      'parameters',
      'conditions',
      'resources',
      'outputs',
    ])
    expect(t.resources!.rand).toEqual({
      type: 'OS::Heat::RandomString',
      properties: { length: { get_param: 'len' } },
      depends_on: 'none',
      deletion_policy: 'Retain',
    })
    expect(t.parameters!.len!.constraints).toEqual([{ range: { min: 4 }, description: 'at least 4' }])
    expect(dumpTemplate(t)).toMatch(/^heat_template_version: 2018-08-31\n/)
  })

  it('intrinsic functions produce the HOT shapes', () => {
    expect(fn.getParam('labels', 'kube_tag')).toEqual({ get_param: ['labels', 'kube_tag'] })
    expect(fn.getAttr('masters', 'addresses', 0)).toEqual({ get_attr: ['masters', 'addresses', 0] })
    expect(fn.getFile('a.sh')).toEqual({ get_file: 'a.sh' })
    expect(fn.strReplace('$X', { $X: 1 })).toEqual({ str_replace: { template: '$X', params: { $X: 1 } } })
    expect(fn.listJoin(',', ['a'], ['b'])).toEqual({ list_join: [',', ['a'], ['b']] })
    expect(fn.if('c', 1, 2)).toEqual({ if: ['c', 1, 2] })
    expect(fn.and('a', fn.or('b', 'c'))).toEqual({ and: ['a', { or: ['b', 'c'] }] })
    expect(fn.repeat({ port: '<%p%>' }, { '<%p%>': [1, 2] }, { permutations: false })).toEqual({
      repeat: { template: { port: '<%p%>' }, for_each: { '<%p%>': [1, 2] }, permutations: false },
    })
    expect(intrinsicName(fn.getParam('x'))).toBe('get_param')
    expect(intrinsicName({ get_param: 'x', other: 1 })).toBeUndefined()
    expect(intrinsicName({ type: 'x' })).toBeUndefined()
  })
})
