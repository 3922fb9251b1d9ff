import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  type Finding,
  fn,
  hotTemplate,
  lintTemplate,
  output,
  parameter,
  resource,
} from '@magnum-ts/orchestration'
import { describe, expect, it } from 'vitest'

const fixtures = join(import.meta.dirname, '..', 'fixtures')
const read = (path: string) => readFileSync(join(fixtures, path), 'utf8')
const rules = (findings: Finding[]) => findings.map((f) => `${f.rule} ${f.path}`)

/** A small template that is clean; each test breaks one thing. */
const base = () =>
  hotTemplate({
    parameters: { count: parameter('number', { default: 1 }) },
    resources: {
      rand: resource('OS::Heat::RandomString', { length: 8 }),
      group: resource('OS::Heat::ResourceGroup', {
        count: fn.getParam('count'),
        resource_def: { type: 'OS::Heat::None', properties: { seed: fn.getAttr('rand', 'value') } },
      }),
    },
    outputs: { refs: output(fn.getAttr('group', 'refs')) },
  })

describe('lintTemplate on templates Heat accepts', () => {
  it('finds nothing in the base template', () => {
    expect(lintTemplate({ template: base() })).toEqual([])
  })

  it.each(readdirSync(join(fixtures, 'heat-accepted')).filter((f) => f !== 'env-stubs.yaml'))(
    'finds nothing in realcloud %s',
    (file) => {
      const findings = lintTemplate({
        template: read(`heat-accepted/${file}`),
        files: { 'nested.yaml': read('heat-accepted/nested.yaml') },
        environment: read('heat-accepted/env-stubs.yaml'),
      })
      expect(findings).toEqual([])
    },
  )

  it('finds nothing in the Magnum-shaped cluster template with its nested files and environment files', () => {
    const findings = lintTemplate({
      template: read('cluster/cluster.yaml'),
      files: {
        'network.yaml': read('cluster/network.yaml'),
        'kubenode.yaml': read('cluster/kubenode.yaml'),
        'fragments/write-heat-params.sh': read('cluster/fragments/write-heat-params.sh'),
        'env.yaml': read('cluster/env.yaml'),
      },
      environmentFiles: ['env.yaml'],
    })
    expect(findings).toEqual([])
  })
})

describe('lintTemplate finds each class of mistake, with its path', () => {
  it('get_param of an undeclared parameter', () => {
    const t = base()
    t.resources!.rand!.properties = { length: fn.getParam('lenght') }
    const findings = lintTemplate({ template: t })
    expect(rules(findings)).toEqual(['undefined-parameter resources.rand.properties.length.get_param'])
    expect(findings[0]!.message).toContain('"lenght"')
  })

  it('get_param of a pseudo parameter is fine, indexing into a declared one too', () => {
    const t = base()
    t.outputs!.name = output(fn.getParam('OS::stack_name'))
    t.outputs!.first = output(fn.getParam('count', 0))
    expect(lintTemplate({ template: t })).toEqual([])
  })

  it('get_resource, get_attr and depends_on naming no resource', () => {
    const t = base()
    t.resources!.none = resource(
      'OS::Heat::None',
      { a: fn.getResource('rnad') },
      { dependsOn: ['rand', 'gruop'] },
    )
    t.outputs!.bad = output(fn.getAttr('nope', 'value'))
    expect(rules(lintTemplate({ template: t }))).toEqual([
      'undefined-resource resources.none.properties.a.get_resource',
      'undefined-resource resources.none.depends_on[1]',
      'undefined-resource outputs.bad.value.get_attr[0]',
    ])
  })

  it('conditions named by resources, outputs, if, and, or, not but never defined', () => {
    const t = base()
    t.conditions = { big: fn.not(fn.equals(fn.getParam('count'), 1)), both: fn.and('big', 'huge') }
    t.resources!.rand!.condition = 'smal'
    t.outputs!.refs!.value = fn.if('tiny', 1, 2)
    expect(rules(lintTemplate({ template: t }))).toEqual([
      'undefined-condition conditions.both.and[1]',
      'undefined-condition resources.rand.condition',
      'undefined-condition outputs.refs.value.if[0]',
    ])
  })

  it('get_file, nested template and environment file paths missing from files', () => {
    const t = base()
    t.resources!.config = resource('OS::Heat::SoftwareConfig', {
      config: fn.getFile('fragments/configure.sh'),
    })
    t.resources!.nested = resource('nested/node.yaml', {})
    const findings = lintTemplate({
      template: t,
      files: { 'node.yaml': 'heat_template_version: 2018-08-31\n' },
      environmentFiles: ['env.yaml'],
    })
    expect(rules(findings)).toEqual([
      'missing-file environmentFiles[0]',
      'missing-file resources.config.properties.config.get_file',
      'missing-file resources.nested.type',
    ])
    expect(findings[2]!.message).toContain('files has "node.yaml"')
  })

  it('resource_registry entries pointing at files that are not in files', () => {
    const findings = lintTemplate({
      template: base(),
      environment: {
        resource_registry: {
          'Magnum::Optional::Lb': 'lb.yaml',
          'OS::Nova::Server': 'OS::Heat::None',
          resources: { rand: { 'OS::Heat::RandomString': 'rand.yaml' } },
        },
      },
    })
    expect(rules(findings)).toEqual([
      'missing-file environment.resource_registry["Magnum::Optional::Lb"]',
      'missing-file environment.resource_registry.resources.rand["OS::Heat::RandomString"]',
    ])
  })

  it('resource types neither built in nor mapped in the registry', () => {
    const t = base()
    t.resources!.lb = resource('Magnum::Optional::Lb')
    expect(rules(lintTemplate({ template: t }))).toEqual(['unknown-resource-type resources.lb.type'])
    expect(
      lintTemplate({
        template: t,
        environment: 'resource_registry: {"Magnum::Optional::*": OS::Heat::None}',
      }),
    ).toEqual([])
  })

  it('parameter defaults that break their own constraints', () => {
    const t = base()
    t.parameters = {
      count: parameter('number', { default: 9, constraints: [{ range: { min: 1, max: 7 } }] }),
      odd: parameter('number', { default: 2, constraints: [{ modulo: { step: 2, offset: 1 } }] }),
      name: parameter('string', { default: 'K8s', constraints: [{ allowed_pattern: '[a-z]+' }] }),
      short: parameter('string', { default: 'abcdef', constraints: [{ length: { max: 3 } }] }),
      driver: parameter('string', {
        default: 'weave',
        constraints: [{ allowed_values: ['flannel', 'calico'] }],
      }),
      zones: parameter('comma_delimited_list', {
        default: 'a,x',
        constraints: [{ allowed_values: ['a', 'b'] }],
      }),
      size: parameter('number', { default: 'ten' }),
      flag: parameter('boolean', { default: 'maybe' }),
    }
    expect(rules(lintTemplate({ template: t }))).toEqual([
      'invalid-default parameters.count.default',
      'invalid-default parameters.odd.default',
      'invalid-default parameters.name.default',
      'invalid-default parameters.short.default',
      'invalid-default parameters.driver.default',
      'invalid-default parameters.zones.default',
      'invalid-default parameters.size.default',
      'invalid-default parameters.flag.default',
    ])
  })

  it('constraints that do not apply to the parameter type', () => {
    const t = base()
    t.parameters!.count = parameter('number', { default: 1, constraints: [{ allowed_pattern: '[0-9]+' }] })
    expect(rules(lintTemplate({ template: t }))).toEqual([
      'invalid-constraint parameters.count.constraints[0].allowed_pattern',
    ])
  })

  it('unknown top-level, parameter, resource and output keys, with a suggestion', () => {
    const t = base() as unknown as Record<string, Record<string, Record<string, unknown>>>
    t.outputs!.refs!.descripton = 'typo'
    t.resources!.rand!.dependson = 'group'
    t.parameters!.count!.defualt = 2
    ;(t as Record<string, unknown>).output = {}
    const findings = lintTemplate({ template: t as never })
    expect(rules(findings)).toEqual([
      'unknown-key output',
      'unknown-key parameters.count.defualt',
      'unknown-key resources.rand.dependson',
      'unknown-key outputs.refs.descripton',
    ])
    expect(findings[2]!.message).toContain('did you mean "depends_on"?')
  })

  it('an unknown heat_template_version', () => {
    const t = base()
    t.heat_template_version = '2019-01-01'
    expect(rules(lintTemplate({ template: t }))).toEqual(['unknown-version heat_template_version'])
  })

  it('depends_on cycles, and cycles through get_attr', () => {
    const t = base()
    t.resources!.a = resource('OS::Heat::None', {}, { dependsOn: 'b' })
    t.resources!.b = resource('OS::Heat::None', { x: fn.getAttr('c', 'show') })
    t.resources!.c = resource('OS::Heat::None', {}, { dependsOn: ['a'] })
    const findings = lintTemplate({ template: t })
    expect(rules(findings)).toEqual(['dependency-cycle resources.c.depends_on'])
    expect(findings[0]!.message).toContain('a → b → c → a')
  })

  it('properties a nested template does not declare, and required ones not passed', () => {
    const t = base()
    t.resources!.node = resource('node.yaml', { flavour: 'm1.small' })
    const node = 'heat_template_version: 2018-08-31\nparameters:\n  flavor: {type: string}\n'
    expect(rules(lintTemplate({ template: t, files: { 'node.yaml': node } }))).toEqual([
      'unknown-property resources.node.properties.flavour',
      'missing-property resources.node.properties',
    ])
    // parameter_defaults in the environment satisfy a required nested parameter
    t.resources!.node!.properties = {}
    expect(
      lintTemplate({
        template: t,
        files: { 'node.yaml': node },
        environment: { parameter_defaults: { flavor: 'x' } },
      }),
    ).toEqual([])
  })

  it('mistakes inside nested templates carry the file in their path', () => {
    const t = base()
    t.resources!.node = resource('node.yaml')
    const node =
      'heat_template_version: 2018-08-31\nresources:\n  x:\n    type: OS::Heat::None\n    properties: {a: {get_param: nope}}\n'
    expect(rules(lintTemplate({ template: t, files: { 'node.yaml': node } }))).toEqual([
      'undefined-parameter files["node.yaml"].resources.x.properties.a.get_param',
    ])
  })

  it('keys defined twice (Heat silently keeps the last), with the path and line', () => {
    const text = [
      'heat_template_version: 2018-08-31',
      'parameters:',
      '  cidr: {type: string, default: 10.0.0.0/24}',
      '  cidr: {type: string, default: 10.1.0.0/24}',
      'resources:',
      '  cfg:',
      '    type: OS::Heat::SoftwareConfig',
      '    properties:',
      '      config:',
      '        list_join:',
      '          - ""',
      '          - - str_replace:',
      '                template: $A $B',
      '                params: {$A: {get_param: cidr}, $B: x, $A: y}',
    ].join('\n')
    const findings = lintTemplate({ template: text })
    expect(rules(findings)).toEqual([
      'duplicate-key parameters.cidr',
      'duplicate-key resources.cfg.properties.config.list_join[1][0].str_replace.params["$A"]',
    ])
    expect(findings[0]!.message).toContain('line 4')
  })

  it('YAML that does not parse becomes a finding with the line', () => {
    const findings = lintTemplate({ template: 'heat_template_version: 2018-08-31\nresources:\n  a: [\n' })
    expect(findings).toHaveLength(1)
    expect(findings[0]!.rule).toBe('invalid-document')
    expect(findings[0]!.message).toMatch(/^template:\d+:\d+: /)
  })
})
