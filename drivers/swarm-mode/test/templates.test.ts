import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { NESTED_FILES, readTemplateFile, swarmStackRequest } from '@magnum-ts/driver-swarm-mode'
import { lintTemplate, parseTemplate } from '@magnum-ts/orchestration'
import { describe, expect, it } from 'vitest'
import { swarmContext } from './support/context.js'
import { environmentCombinations, SWARM_ENVIRONMENT_GROUPS } from './support/matrix.js'

const root = join(import.meta.dirname, '..', 'templates')
const environments = readdirSync(join(root, 'environments')).map((f) => `environments/${f}`)

describe('swarm-mode templates pass lintTemplate', () => {
  const request = swarmStackRequest(swarmContext())
  const allFiles = Object.fromEntries([...NESTED_FILES, ...environments].map((n) => [n, readTemplateFile(n)]))
  const combos = environmentCombinations(SWARM_ENVIRONMENT_GROUPS)

  it(`with each of the ${combos.length} environment combinations, with no findings`, () => {
    expect(combos).toHaveLength(48)
    for (const environmentFiles of combos) {
      expect(
        lintTemplate({ template: request.template, files: allFiles, environmentFiles }),
        environmentFiles.join(),
      ).toEqual([])
    }
  })

  it('and the linter does see a missing nested template (the check can fail)', () => {
    const { 'swarmnode.yaml': _, ...files } = allFiles
    const findings = lintTemplate({
      template: request.template,
      files,
      environmentFiles: request.environmentFiles,
    })
    expect(findings).toContainEqual(expect.objectContaining({ rule: 'missing-file' }))
  })
})

describe('swarm-mode security groups', () => {
  const cluster = parseTemplate(readTemplateFile('swarmcluster.yaml')) as unknown as {
    resources: Record<string, { properties: { rules: Record<string, unknown>[] } }>
  }
  const rules = (group: string) => cluster.resources[group]?.properties.rules ?? []
  const opens = (group: string, protocol: string, port: number) =>
    rules(group).some((r) => {
      if (r.protocol !== protocol || r.remote_ip_prefix !== undefined) return false
      const min = r.port_range_min
      const value = (v: unknown) =>
        typeof v === 'number'
          ? v
          : (v as { get_param?: string })?.get_param === 'swarm_port'
            ? 2375
            : undefined
      if (min === undefined) return true
      return value(min) === port && value(r.port_range_max) === port
    })

  it('managers accept ssh, the Docker API, swarm management (2377), gossip and overlay traffic', () => {
    for (const [protocol, port] of [
      ['tcp', 22],
      ['tcp', 2375],
      ['tcp', 2377],
      ['tcp', 7946],
      ['udp', 7946],
      ['udp', 4789],
      ['udp', 53],
    ] as const) {
      expect(opens('secgroup_swarm_manager', protocol, port), `${protocol}/${port}`).toBe(true)
    }
    expect(rules('secgroup_swarm_manager')).toContainEqual({ protocol: 'icmp' })
    expect(rules('secgroup_swarm_manager')).toContainEqual({
      protocol: 'tcp',
      remote_ip_prefix: { get_param: 'fixed_network_cidr' },
    })
    expect(opens('secgroup_swarm_manager', 'tcp', 8080)).toBe(false)
  })

  it('workers are open to everything', () => {
    expect(rules('secgroup_swarm_node')).toEqual([
      { protocol: 'icmp' },
      { protocol: 'tcp' },
      { protocol: 'udp' },
    ])
  })
})

describe('swarm-mode node scripts', () => {
  const scripts = readdirSync(join(root, 'fragments')).map((f) => join(root, 'fragments', f))
  let shellcheck = true
  try {
    execFileSync('shellcheck', ['--version'])
  } catch {
    shellcheck = false
    console.warn(
      '[swarm-mode] shellcheck is not installed (apt-get install -y shellcheck); script checks skipped',
    )
  }

  it.skipIf(!shellcheck)('pass shellcheck', () => {
    expect(scripts.length).toBeGreaterThan(5)
    // Throws, with shellcheck's report, on any finding.
    execFileSync('shellcheck', ['-s', 'sh', '-f', 'gcc', ...scripts], { encoding: 'utf8' })
  })

  it('get every @MARKER@ they contain from the str_replace that renders them, and nothing else', () => {
    for (const name of ['swarmmaster.yaml', 'swarmnode.yaml']) {
      for (const { template, params } of strReplaces(parseTemplate(readTemplateFile(name)))) {
        const file = (template as { get_file?: string }).get_file
        if (!file) continue
        const markers = new Set(readFileSync(join(root, file), 'utf8').match(/@[A-Z_]+@/g))
        expect(new Set(Object.keys(params)), `${name}: ${file}`).toEqual(markers)
      }
    }
  })
})

function strReplaces(node: unknown): { template: unknown; params: Record<string, unknown> }[] {
  if (Array.isArray(node)) return node.flatMap(strReplaces)
  if (node === null || typeof node !== 'object') return []
  const own = (node as { str_replace?: { template: unknown; params: Record<string, unknown> } }).str_replace
  return [...(own ? [own] : []), ...Object.values(node).flatMap(strReplaces)]
}
