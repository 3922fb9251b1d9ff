import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  CLUSTER_TEMPLATE,
  ENVIRONMENT_FILES,
  NESTED_FILES,
  templateFiles,
} from '@magnum-ts/driver-k8s-fedora-atomic'
import { lintTemplate, parseTemplate } from '@magnum-ts/orchestration'
import { describe, expect, it } from 'vitest'
import { environmentCombinations } from './support/matrix.js'

const root = join(import.meta.dirname, '..')
const files = templateFiles()

type Rule = { protocol?: string; port_range_min?: number; port_range_max?: number; remote_mode?: string }
function rules(group: string): Rule[] {
  const t = parseTemplate(files[CLUSTER_TEMPLATE]!) as unknown as {
    resources: Record<string, { properties: { rules: Rule[] } }>
  }
  return t.resources[group]!.properties.rules
}
const ports = (rs: Rule[]) =>
  rs
    .filter((r) => r.port_range_min !== undefined)
    .map((r) => `${r.protocol} ${r.port_range_min}-${r.port_range_max}`)

describe('k8s templates: packaging', () => {
  it('ships every file the driver names, and names every file it ships', () => {
    const onDisk = (dir: string): string[] =>
      readdirSync(join(root, 'templates', dir), { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? onDisk(join(dir, e.name)) : [join(dir, e.name)],
      )
    expect(onDisk('').sort()).toEqual([CLUSTER_TEMPLATE, ...NESTED_FILES, ...ENVIRONMENT_FILES].sort())
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { files: string[] }
    expect(manifest.files).toContain('templates')
  })
})

describe('k8s templates: security groups (seed 002: the NodePort range must be open)', () => {
  it('opens the master ports', () => {
    expect(ports(rules('secgroup_kube_master')).sort()).toEqual(
      [
        'tcp 22-22',
        'tcp 6443-6443',
        'tcp 7080-7080',
        'tcp 8080-8080',
        'tcp 2379-2380',
        'tcp 9100-9100',
        'tcp 10250-10250',
        'tcp 30000-32767',
        'udp 8472-8472',
      ].sort(),
    )
    expect(rules('secgroup_kube_master')).toContainEqual({ protocol: 'icmp' })
  })

  it('opens ssh and NodePorts on minions, and everything from the masters and each other', () => {
    const minion = rules('secgroup_kube_minion')
    expect(ports(minion).sort()).toEqual(['tcp 22-22', 'tcp 30000-32767'])
    expect(minion).toContainEqual({ protocol: 'icmp' })
    expect(minion).toContainEqual({
      remote_mode: 'remote_group_id',
      remote_group_id: { get_resource: 'secgroup_kube_master' },
    })
    expect(minion).toContainEqual({ remote_mode: 'remote_group_id' })
  })
})

describe('k8s templates: every environment combination lints clean', () => {
  const combos = environmentCombinations()

  it(`${combos.length} combinations, zero findings`, () => {
    for (const environmentFiles of combos) {
      const findings = lintTemplate({ template: files[CLUSTER_TEMPLATE]!, files, environmentFiles })
      expect({ environmentFiles, findings }).toEqual({ environmentFiles, findings: [] })
    }
  })
})
