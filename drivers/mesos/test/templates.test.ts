import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { mesosStackRequest, NESTED_FILES, readTemplateFile } from '@magnum-ts/driver-mesos'
import { lintTemplate, parseTemplate } from '@magnum-ts/orchestration'
import { describe, expect, it } from 'vitest'
import { mesosContext } from './support/context.js'

const root = join(import.meta.dirname, '..', 'templates')
type Doc = { resources: Record<string, { type: string; properties: Record<string, unknown> }> }
const cluster = parseTemplate(readTemplateFile('mesoscluster.yaml')) as unknown as Doc

describe('mesos templates pass lintTemplate', () => {
  const envNames = readdirSync(join(root, 'environments')).map((f) => `environments/${f}`)
  const files = Object.fromEntries([...NESTED_FILES, ...envNames].map((n) => [n, readTemplateFile(n)]))
  const template = mesosStackRequest(mesosContext()).template

  for (const privnet of ['with_private_network', 'no_private_network']) {
    for (const lb of ['no_master_lb', 'with_master_lb', 'with_master_lb_octavia']) {
      it(`${privnet} + ${lb}: no findings`, () => {
        const environmentFiles = [`environments/${privnet}.yaml`, `environments/${lb}.yaml`]
        expect(lintTemplate({ template, files, environmentFiles })).toEqual([])
      })
    }
  }

  it('and without an LB environment the Magnum:: types are reported unmapped (the check can fail)', () => {
    const findings = lintTemplate({
      template,
      files,
      environmentFiles: ['environments/with_private_network.yaml'],
    })
    expect(findings).toContainEqual(expect.objectContaining({ rule: 'unknown-resource-type' }))
  })
})

describe('mesos cluster template', () => {
  const rules = cluster.resources.secgroup_master?.properties.rules as Record<string, unknown>[]

  it('opens ssh, 5050 and Marathon (8080) on the masters, plus all tcp within their group', () => {
    const tcp = rules.filter((r) => r.protocol === 'tcp' && r.remote_ip_prefix === undefined)
    const ports = tcp.map((r) => r.port_range_min)
    expect(ports).toEqual(expect.arrayContaining([22, 5050, { get_param: 'api_port' }]))
    expect(tcp).toContainEqual({ protocol: 'tcp', remote_mode: 'remote_group_id' })
    expect(rules).toContainEqual({ protocol: 'icmp' })
  })

  it('puts Marathon on 8080 over HTTP behind the load balancer', () => {
    const doc = parseTemplate(readTemplateFile('mesoscluster.yaml')) as unknown as {
      parameters: Record<string, { default?: unknown }>
    }
    expect(doc.parameters.api_port?.default).toBe(8080)
    expect(doc.parameters.loadbalancing_protocol?.default).toBe('HTTP')
    expect(cluster.resources.api_lb?.properties).toMatchObject({
      port: { get_param: 'api_port' },
      protocol: { get_param: 'loadbalancing_protocol' },
    })
  })

  it('removes the slaves named in slaves_to_remove first, which are named by private address', () => {
    expect(cluster.resources.mesos_slaves?.properties.removal_policies).toEqual([
      { resource_list: { get_param: 'slaves_to_remove' } },
    ])
    const slave = parseTemplate(readTemplateFile('mesosslave.yaml')) as unknown as {
      outputs: Record<string, { value: unknown }>
    }
    expect(slave.outputs['OS::stack_id']?.value).toEqual(slave.outputs.mesos_slave_ip?.value)
  })

  it('waits for number_of_slaves signals and configures the masters with a deployment group', () => {
    expect(cluster.resources.slave_wait_condition?.properties.count).toEqual({
      get_param: 'number_of_slaves',
    })
    expect(cluster.resources.mesos_master_deployment?.type).toBe('OS::Heat::SoftwareDeploymentGroup')
  })
})

describe('mesos node scripts', () => {
  const fragments = readdirSync(join(root, 'fragments'))
  let hasShellcheck = true
  try {
    execFileSync('shellcheck', ['--version'])
  } catch {
    hasShellcheck = false
    console.warn('[mesos] shellcheck is not installed (apt-get install -y shellcheck); script checks skipped')
  }

  it.skipIf(!hasShellcheck)('pass shellcheck', () => {
    const report = execFileSync('shellcheck', ['-s', 'sh', '-f', 'gcc', ...fragments], {
      cwd: join(root, 'fragments'),
      encoding: 'utf8',
    })
    expect(report).toBe('')
  })

  it('receive every @MARKER@ of write-heat-params.sh and wc-notify.sh from mesosslave.yaml', () => {
    const slave = parseTemplate(readTemplateFile('mesosslave.yaml')) as unknown as Doc
    for (const [resource, file] of [
      ['write_heat_params', 'write-heat-params.sh'],
      ['wc_notify', 'wc-notify.sh'],
    ] as const) {
      const config = slave.resources[resource]?.properties.config as { str_replace: { params: object } }
      const markers = readFileSync(join(root, 'fragments', file), 'utf8').match(/@[A-Z_]+@/g)
      expect(Object.keys(config.str_replace.params).sort(), file).toEqual([...new Set(markers)].sort())
    }
  })
})
