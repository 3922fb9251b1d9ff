import { describe, expect, it } from 'vitest'
import { commands } from '../../src/index.js'
import { built, runBin } from './support.js'

// `--help` of the built executable against the command definitions in the sources: the options
// a user is shown are exactly the ones the parser accepts. Also the commands that need no cloud
// of their own: --version, demo.

/** Where each command of `magnum-ts --help` is run by this suite: a new command needs a case. */
const EXERCISED: Record<string, string> = {
  'cluster template create': 'cluster-lifecycle',
  'cluster template list': 'cluster-lifecycle',
  'cluster template show': 'cluster-lifecycle',
  'cluster template update': 'wait-and-dry-run',
  'cluster template delete': 'cluster-lifecycle',
  'cluster create': 'cluster-lifecycle, exit-codes, wait-and-dry-run',
  'cluster list': 'cluster-lifecycle',
  'cluster show': 'cluster-lifecycle, exit-codes',
  'cluster update': 'wait-and-dry-run',
  'cluster resize': 'cluster-lifecycle',
  'cluster upgrade': 'cluster-lifecycle',
  'cluster config': 'cluster-lifecycle',
  'cluster delete': 'cluster-lifecycle, wait-and-dry-run',
  'cluster nodegroup create': 'nodegroups',
  'cluster nodegroup list': 'nodegroups',
  'cluster nodegroup show': 'nodegroups',
  'cluster nodegroup update': 'nodegroups',
  'cluster nodegroup delete': 'nodegroups',
  'ca show': 'cluster-lifecycle',
  'ca sign': 'cluster-lifecycle',
  'ca rotate': 'cluster-lifecycle',
  'quota create': 'cluster-lifecycle',
  'quota list': 'cluster-lifecycle',
  'quota show': 'cluster-lifecycle',
  'quota update': 'cluster-lifecycle',
  'quota delete': 'cluster-lifecycle',
  stats: 'cluster-lifecycle',
  doctor: 'cluster-lifecycle',
  'catalog list': 'cluster-lifecycle',
  'token issue': 'cluster-lifecycle, exit-codes',
  'fake-cloud serve': 'every file (support.ts)',
  demo: 'help',
}

/** The option names listed under "Options:" in a command's help. */
function listedOptions(help: string): { name: string; takesValue: boolean; description: string }[] {
  const section = /\nOptions:\n([\s\S]*?)\n\n/.exec(help)?.[1]
  if (section === undefined) return []
  return section.split('\n').map((line) => {
    const match = /^ {2}(?:-\w, | {4})--([\w-]+)( VALUE)? +(.*)$/.exec(line)
    if (!match) throw new Error(`unexpected help line: ${JSON.stringify(line)}`)
    return { name: match[1]!, takesValue: Boolean(match[2]), description: match[3]! }
  })
}

/** Runs at most `limit` at once: the machine is shared, each run is a node process. */
async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const i = next++
      results[i] = await fn(items[i]!)
    }
  }
  await Promise.all(Array.from({ length: limit }, worker))
  return results
}

describe.skipIf(!built)('help and the commands without a cloud, as processes', () => {
  it('every command is exercised somewhere in this suite', () => {
    expect(commands.map((c) => c.path.join(' ')).sort()).toEqual(Object.keys(EXERCISED).sort())
  })

  it('magnum-ts --help lists every command with its summary', async () => {
    const help = await runBin(['--help'])
    expect(help.code).toBe(0)
    for (const command of commands) {
      expect(help.stdout).toMatch(
        new RegExp(`^ {2}${command.path.join(' ')} +${escapeRegExp(command.summary)}$`, 'm'),
      )
    }
  })

  it("each command's --help lists exactly its options, with usage and summary", async () => {
    const helps = await mapLimited(commands, 4, (c) => runBin([...c.path, '--help']))
    commands.forEach((command, i) => {
      const help = helps[i]!
      expect(help.code, command.path.join(' ')).toBe(0)
      expect(help.stdout.split('\n')[0]).toBe(
        `Usage: magnum-ts ${command.path.join(' ')}${command.usage ? ` ${command.usage}` : ''} [options]`,
      )
      expect(help.stdout).toContain(`\n${command.summary}\n`)
      expect(listedOptions(help.stdout)).toEqual(
        Object.entries(command.options).map(([name, o]) => ({
          name,
          takesValue: o.type === 'string',
          description: o.description,
        })),
      )
      expect(help.stdout).toMatch(/\nGlobal options:\n(?: {2}.*\n)* {2}-f, --format VALUE/)
    })
  })

  it('--version prints the version; an unknown command is a usage error', async () => {
    expect((await runBin(['--version'])).stdout).toMatch(/^magnum-ts \d+\.\d+\.\d+\S*\n$/)
    const unknown = await runBin(['frobnicate'])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toBe(`magnum-ts: unknown command "frobnicate"\nTry 'magnum-ts --help'.\n`)
  })

  it('demo runs end to end on its own fake cloud and leaves nothing behind', async () => {
    const demo = await runBin(['demo'])
    expect(demo.code).toBe(0)
    expect(demo.stdout).toContain('$ magnum-ts cluster create k8s-demo')
    expect(demo.stdout).toContain('none left behind')
    expect(demo.stdout).toMatch(/Demo finished in [\d.]+ s: \d+ commands, no orphans\.\n$/)
  })
})

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
