import { readFileSync } from 'node:fs'
import type { Session } from '@magnum-ts/auth'
import {
  createStack,
  deleteStack,
  getStack,
  listResources,
  listStacks,
  outputValues,
  updateStack,
  type WaitForStackOptions,
  waitForStack,
} from '@magnum-ts/orchestration'
import { expect } from 'vitest'

const DIR = '/work/shared/realcloud/templates'
/** The realcloud's own sample templates, when present (the contract runs the same ones on both). */
export function realcloudTemplates(): { main: string; nested: string } | undefined {
  try {
    return {
      main: readFileSync(`${DIR}/main.yaml`, 'utf8'),
      nested: readFileSync(`${DIR}/nested.yaml`, 'utf8'),
    }
  } catch {
    return undefined
  }
}

/**
 * One behaviour, asserted the same way on the fake and on real Heat: create main.yaml (random
 * string, test resource, a group of 3, a nested template), read outputs and nested resources,
 * scale the group with an update (where the cloud can), delete.
 */
export async function mainTemplateContract(
  session: Session,
  name: string,
  templates: { main: string; nested: string },
  wait: Partial<WaitForStackOptions>,
  options: { scale: boolean } = { scale: true },
) {
  await createStack(session, {
    name,
    template: templates.main,
    files: { 'nested.yaml': templates.nested },
    parameters: { wait: 0 },
    tags: ['contract'],
  })
  const created = await waitForStack(session, name, { ...wait, until: 'CREATE_COMPLETE' })
  expect(created.stack_status).toBe('CREATE_COMPLETE')

  const outputs = outputValues((await getStack(session, name)).outputs)
  expect(outputs.random).toMatch(/^[A-Za-z0-9]{16}$/)
  expect(outputs.test_output).toBe(`hello-${outputs.random}`)
  expect(outputs.nested_echo).toBe(outputs.test_output)
  expect(outputs.group_refs).toHaveLength(3)

  const resources = await listResources(session, name, { nestedDepth: 2 })
  const top = resources
    .filter((r) => !r.parent_resource)
    .map((r) => r.resource_name)
    .sort()
  expect(top).toEqual(['group', 'nested', 'none', 'rand', 'test'])
  expect(
    resources
      .filter((r) => r.parent_resource === 'group')
      .map((r) => r.resource_name)
      .sort(),
  ).toEqual(['0', '1', '2'])
  expect(
    resources
      .filter((r) => r.parent_resource === 'nested')
      .map((r) => r.resource_name)
      .sort(),
  ).toEqual(['inner', 'inner_none'])
  const nestedLink = resources
    .find((r) => r.resource_name === 'nested')
    ?.links.find((l) => l.rel === 'nested')
  expect(nestedLink?.href).toContain(`/stacks/${name}-nested-`)

  const listed = []
  for await (const s of listStacks(session, { tags: ['contract'] })) listed.push(s.stack_name)
  expect(listed).toContain(name)

  if (options.scale) {
    await updateStack(session, name, {
      template: templates.main,
      files: { 'nested.yaml': templates.nested },
      parameters: { count: 5, wait: 0 },
    })
    await waitForStack(session, name, { ...wait, until: 'UPDATE_COMPLETE' })
    const scaled = outputValues((await getStack(session, name)).outputs)
    expect(scaled.group_refs).toHaveLength(5)
    // Resources the update did not touch keep their values.
    expect(scaled.random).toBe(outputs.random)
  }

  await deleteStack(session, name)
  const deleted = await waitForStack(session, name, { ...wait, until: 'DELETE_COMPLETE' })
  expect(deleted?.stack_status ?? 'DELETE_COMPLETE').toBe('DELETE_COMPLETE')
  const after = []
  for await (const s of listStacks(session, { name })) after.push(s)
  expect(after).toEqual([])
}
