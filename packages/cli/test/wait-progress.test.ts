import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { progressBar } from '../src/commands/wait.js'
import { type CliOnFakeCloud, cliOnFakeCloud, K8S_TEMPLATE } from './fake-cloud-env.js'

const ESC = '\x1b'
/** Carriage return + erase line: how the live line is redrawn in place. */
const CLEAR = `\r${ESC}[2K`
const BAR = /\[([#-]{10})\] (\d+)\/(\d+) resources/g

describe('progressBar', () => {
  it('draws the share of resources complete, ten characters wide', () => {
    expect(progressBar(12, 24)).toBe('[#####-----] 12/24 resources')
    expect(progressBar(24, 24)).toBe('[##########] 24/24 resources')
    expect(progressBar(0, 0)).toBe('[----------] 0/0 resources')
    expect(progressBar(1, 3)).toBe('[###-------] 1/3 resources')
  })
})

describe('--wait progress', () => {
  let cli: CliOnFakeCloud
  beforeAll(async () => {
    cli = await cliOnFakeCloud(0.2)
    expect((await cli.run(['cluster', 'template', 'create', 'k8s', ...K8S_TEMPLATE])).code).toBe(0)
  })
  afterAll(() => cli.close())

  it('on a TTY: one line redrawn in place with a resource bar, each Heat event printed once above it', async () => {
    const { code, stdout, stderr } = await cli.run(
      ['cluster', 'create', 'tty', '--cluster-template', 'k8s', '--wait'],
      {
        tty: true,
      },
    )
    expect(stderr).toBe('')
    expect(code).toBe(0)
    expect(stdout).toContain('Ctrl-C stops waiting; the operation goes on')
    // Redrawn in place: carriage return + clear line before the status line.
    expect(stdout).toContain(`${CLEAR}tty: CREATE_IN_PROGRESS 0s`)
    const bars = [...stdout.matchAll(BAR)]
    expect(bars.length).toBeGreaterThan(0)
    for (const [, drawn, done, total] of bars) {
      expect(drawn).toBe(progressBar(Number(done), Number(total)).slice(1, 11))
    }
    // The last bar is the finished stack: every resource complete.
    const [, , done, total] = bars.at(-1)!
    expect(Number(total)).toBeGreaterThan(5)
    expect(done).toBe(total)
    // Events: the root stack's start and end, each exactly once, before the summary line.
    // Each event is a line of its own, written after clearing the live line.
    const eventLines = stdout
      .split('\n')
      .map((l) => l.split(CLEAR).at(-1)!)
      .filter((l) => /^ {2}\S+Z /.test(l))
    const stackName = (cli.cloud.state.orchestration.stacks.values().next().value as { name: string }).name
    expect(
      eventLines.filter((l) => l.endsWith(`${stackName} CREATE_IN_PROGRESS Stack CREATE started`)),
    ).toHaveLength(1)
    expect(
      eventLines.filter((l) =>
        l.endsWith(`${stackName} CREATE_COMPLETE Stack CREATE completed successfully`),
      ),
    ).toHaveLength(1)
    expect(eventLines.filter((l) => l.endsWith(' kube_masters CREATE_COMPLETE state changed'))).toHaveLength(
      1,
    )
    // Nested stacks' events too (nested_depth): a server inside the masters' resource group.
    expect(eventLines.some((l) => / kube_node CREATE_COMPLETE state changed$/.test(l))).toBe(true)
    // The live line is cleared, then the summary line and the cluster.
    expect(stdout.split(CLEAR).at(-1)).toMatch(/^\[ +\d+s\] CREATE_COMPLETE\n\+-+\+/)
  })

  it('on a TTY, an update shows only the events of the update', async () => {
    const { code, stdout } = await cli.run(
      ['cluster', 'update', 'tty', 'replace', 'node_count=2', '--wait'],
      { tty: true },
    )
    expect(code).toBe(0)
    const stackName = (cli.cloud.state.orchestration.stacks.values().next().value as { name: string }).name
    expect(stdout).toContain(`${stackName} UPDATE_IN_PROGRESS Stack UPDATE started`)
    // The create's events are history; the new worker's nested stack events are the update's own.
    expect(stdout).not.toContain(`${stackName} CREATE_IN_PROGRESS Stack CREATE started`)
    expect(stdout).not.toContain('kube_masters CREATE_COMPLETE')
    expect(stdout).toMatch(/kube_minions-\S+-1-\S+ CREATE_IN_PROGRESS Stack CREATE started/)
    expect(stdout).toMatch(BAR)
  })

  it('on a TTY, a failed stack: the failing event and its reason are on screen, the line is cleared, exit 1', async () => {
    const fault = cli.cloud.heat.failResource(/^broken-/, 'kube_masters', 'No valid host was found')
    try {
      const { code, stdout, stderr } = await cli.run(
        ['cluster', 'create', 'broken', '--cluster-template', 'k8s', '--wait'],
        { tty: true },
      )
      expect(code).toBe(1)
      expect(stdout).toMatch(/ kube_masters CREATE_FAILED .*No valid host was found\n/)
      expect(stdout.endsWith(CLEAR)).toBe(true)
      expect(stderr).toContain('CREATE_FAILED')
    } finally {
      fault.remove()
    }
  })

  it('elsewhere: plain status lines, no escape sequences (as before)', async () => {
    const { code, stdout } = await cli.run([
      'cluster',
      'create',
      'plain',
      '--cluster-template',
      'k8s',
      '--wait',
    ])
    expect(code).toBe(0)
    expect(stdout).not.toContain(ESC)
    expect(stdout).not.toContain('\r')
    expect(stdout).toMatch(/^\[ +\d+s\] plain: CREATE_IN_PROGRESS$/m)
    expect(stdout).toMatch(/^\[ +\d+s\] CREATE_COMPLETE$/m)
    expect(stdout).not.toMatch(BAR)
  })
})
