import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { built, type E2eCloud, ESCAPE, hasScript, json, k8sTemplateOptions, startCloud } from './support.js'

// `--wait` on a terminal (under `script`, a pseudo-terminal) and in plain mode, `--dry-run`, and
// the update commands, as processes on one fake cloud.

let cloud: E2eCloud
beforeAll(async () => {
  if (!built) return
  cloud = await startCloud()
  const template = await cloud.run(['cluster', 'template', 'create', 'k8s', ...k8sTemplateOptions])
  expect(template.code, template.stderr).toBe(0)
})
afterAll(async () => {
  await cloud?.stop()
})

const PREVIEW_KEYS = ['environment_files', 'files', 'parameters', 'template']
// biome-ignore lint/suspicious/noControlCharactersInRegex: the redraw sequence is what is looked for
const REDRAW = /\r\u001b\[2K/

describe.skipIf(!built)('--dry-run, updates and --wait as processes', () => {
  it('cluster create --dry-run -f json prints exactly the Heat request and creates nothing', async () => {
    const dry = await cloud.run([
      'cluster',
      'create',
      'dry',
      '--cluster-template',
      'k8s',
      '--node-count',
      '2',
      '--dry-run',
      '-f',
      'json',
    ])
    expect(dry.code, dry.stderr).toBe(0)
    const preview = json<{
      template: string
      files: string[]
      environment_files: string[]
      parameters: Record<string, unknown>
    }>(dry)
    expect(Object.keys(preview).sort()).toEqual(PREVIEW_KEYS)
    expect(preview.files).toContain('kubecluster.yaml')
    expect(preview.parameters).toMatchObject({ number_of_minions: 2, number_of_masters: 1 })
    expect(json(await cloud.run(['cluster', 'list', '-f', 'json']))).toEqual([])
    const both = await cloud.run([
      'cluster',
      'create',
      'dry',
      '--cluster-template',
      'k8s',
      '--dry-run',
      '--wait',
    ])
    expect(both.code).toBe(2)
    expect(both.stderr).toContain('choose one of --wait and --dry-run')
  })

  it('cluster template update changes an unused template', async () => {
    const updated = await cloud.run([
      'cluster',
      'template',
      'update',
      'k8s',
      'add',
      'labels/kube_tag=v1.16.0',
      '-f',
      'json',
    ])
    expect(updated.code, updated.stderr).toBe(0)
    expect(json(updated)).toMatchObject({ name: 'k8s', labels: { kube_tag: 'v1.16.0' } })
  })

  it.skipIf(!hasScript)(
    'cluster create --wait on a terminal redraws one progress line with a resource bar',
    async () => {
      const created = await cloud.runInTty([
        'cluster',
        'create',
        'k8s-tty',
        '--cluster-template',
        'k8s',
        '--wait',
        '-c',
        'status',
      ])
      expect(created.code, created.stdout).toBe(0)
      expect(created.stdout).toContain('Waiting (Ctrl-C stops waiting; the operation goes on)')
      expect(created.stdout).toMatch(REDRAW)
      expect(created.stdout).toMatch(/k8s-tty: CREATE_IN_PROGRESS \d+s \[[#-]{10}\] \d+\/\d+ resources/)
      expect(created.stdout).toMatch(/\[#{10}\] (\d+)\/\1 resources/)
      // Heat's events are printed above the redrawn line.
      expect(created.stdout).toMatch(/\d{4}-\d\d-\d\dT[\d:.]+Z k8s-tty-\w+ CREATE_IN_PROGRESS/)
      expect(created.stdout).toMatch(/\] CREATE_COMPLETE\r?\n/)
      expect(created.stdout).toMatch(/\| status +\| CREATE_COMPLETE +\|/)
    },
  )

  it('cluster update --dry-run previews a change; cluster update --wait in plain mode makes it', async () => {
    if (!hasScript) {
      const created = await cloud.run(['cluster', 'create', 'k8s-tty', '--cluster-template', 'k8s', '--wait'])
      expect(created.code, created.stderr).toBe(0)
    }
    const dry = await cloud.run([
      'cluster',
      'update',
      'k8s-tty',
      'replace',
      'node_count=2',
      '--dry-run',
      '-f',
      'json',
    ])
    expect(dry.code, dry.stderr).toBe(0)
    const preview = json<{ parameters: Record<string, unknown> }>(dry)
    expect(Object.keys(preview).sort()).toEqual(PREVIEW_KEYS)
    expect(preview.parameters).toMatchObject({ number_of_minions: 2 })
    expect(json(await cloud.run(['cluster', 'show', 'k8s-tty', '-f', 'json']))).toMatchObject({
      node_count: 1,
    })

    const updated = await cloud.run(['cluster', 'update', 'k8s-tty', 'replace', 'node_count=2', '--wait'])
    expect(updated.code, updated.stderr).toBe(0)
    expect(updated.stdout).not.toMatch(ESCAPE)
    expect(updated.stdout).toMatch(
      /^Request to update cluster [0-9a-f-]{36} has been accepted\.\n\[ *\d+s\] k8s-tty: UPDATE_IN_PROGRESS\n/,
    )
    expect(updated.stdout).toMatch(/\n\[ *\d+s\] UPDATE_COMPLETE\n$/)
    expect(json(await cloud.run(['cluster', 'show', 'k8s-tty', '-f', 'json']))).toMatchObject({
      node_count: 2,
    })

    const refused = await cloud.run(['cluster', 'update', 'k8s-tty', 'replace', 'node_count=two'])
    expect(refused.code).toBe(2)
    expect(refused.stderr).toMatch(/^magnum-ts: \/node_count must be a whole number/)
    const inUse = await cloud.run(['cluster', 'template', 'update', 'k8s', 'replace', 'docker_volume_size=5'])
    expect(inUse.code).toBe(2)
    expect(inUse.stderr).toMatch(/is referenced by one or more clusters.*Fix: create a new cluster template/)
  })

  it.skipIf(!hasScript)(
    'cluster delete --wait on a terminal ends on DELETE_COMPLETE with the line cleared',
    async () => {
      const deleted = await cloud.runInTty(['cluster', 'delete', 'k8s-tty', '--wait'])
      expect(deleted.code, deleted.stdout).toBe(0)
      expect(deleted.stdout).toMatch(REDRAW)
      expect(deleted.stdout).toMatch(/k8s-tty: DELETE_IN_PROGRESS \d+s/)
      expect(deleted.stdout).toMatch(new RegExp(`${REDRAW.source}\\[ *\\d+s\\] DELETE_COMPLETE\\r?\\n$`))
      expect(json(await cloud.run(['cluster', 'list', '-f', 'json']))).toEqual([])
    },
  )
})
