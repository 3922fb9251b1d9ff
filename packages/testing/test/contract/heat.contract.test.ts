import { BadRequestError, ConflictError, NotFoundError, type Session, toArray } from '@magnum-ts/auth'
import {
  createStack,
  deleteStack,
  getStack,
  type HotTemplate,
  listEvents,
  listResources,
  outputValues,
  updateStack,
  validateTemplate,
  waitForStack,
} from '@magnum-ts/orchestration'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  failingTemplate,
  groupTemplate,
  mainExtras,
  mainTemplate,
  rollingTemplate,
  waitingTemplate,
} from './heat-templates.js'
import { targets, unique } from './targets.js'

// The same Heat behaviour on the fake (over HTTP on 127.0.0.1, virtual clock) and on
// realcloud's Heat 19 (convergence engine, about a second per resource).

describe.each(targets)('contract ($name): Heat as the SDK uses it', (target) => {
  let session: Session
  const stacks: string[] = []
  const create = async (name: string, input: Omit<Parameters<typeof createStack>[1], 'name'>) => {
    const created = await createStack(session, { name, ...input })
    stacks.push(created.id)
    return created
  }

  beforeAll(async () => {
    await target.start()
    session = target.session()
  })
  afterAll(async () => {
    // Deletes are waited for (bounded): Heat still busy deleting breaks the next file's updates.
    for (const id of stacks) {
      // A stack realcloud's Heat stalled on refuses the delete: nothing to wait for then.
      const deleting = await deleteStack(session, id).then(
        () => true,
        () => false,
      )
      if (!deleting) continue
      await waitForStack(session, id, { ...target.wait, timeoutMs: 60_000, until: 'DELETE_COMPLETE' }).catch(
        () => {},
      )
    }
    await target.stop()
  }, 300_000)

  it.skipIf(target.skip)(
    'validate: parameters of a good template, 400 and the reason for a bad one',
    async () => {
      const result = await validateTemplate(session, { template: mainTemplate, ...mainExtras })
      expect(result.Description).toBe('magnum-ts contract stack')
      expect(result.Parameters.greeting).toMatchObject({
        Type: 'String',
        Default: 'hello',
        Description: 'first word of the message',
      })
      expect(result.Parameters.count).toMatchObject({ Type: 'Number', Default: 1, MinValue: 0, MaxValue: 5 })

      const unknownType: HotTemplate = {
        heat_template_version: '2018-08-31',
        resources: { x: { type: 'Contract::Nope' } },
      }
      const bad = await validateTemplate(session, { template: unknownType }).catch((e) => e)
      expect(bad).toBeInstanceOf(BadRequestError)
      expect(bad.status).toBe(400)
      expect(bad.message).toContain('The Resource Type (Contract::Nope) could not be found.')

      // A parameter and a resource may not share a name.
      const clash: HotTemplate = {
        heat_template_version: '2018-08-31',
        parameters: { label: { type: 'string', default: 'x' } },
        resources: { label: { type: 'OS::Heat::None' } },
      }
      const duplicate = await validateTemplate(session, { template: clash }).catch((e) => e)
      expect(duplicate.status).toBe(400)
      expect(duplicate.body.error.message).toBe("Duplicate names {'label'}")
    },
  )

  it.skipIf(target.skip)("GET of an unknown stack: 404 in Heat's envelope", async () => {
    const missing = await getStack(session, unique('mts-missing')).catch((e) => e)
    expect(missing).toBeInstanceOf(NotFoundError)
    expect(missing.status).toBe(404)
    expect(missing.body).toMatchObject({ code: 404, title: 'Not Found', error: { type: 'EntityNotFound' } })
    expect(missing.body.error.message).toMatch(/^The Stack \(mts-missing-.+\) could not be found\.$/)
  })

  it.skipIf(target.skip)(
    'create with parameters, files and a resource_registry environment → outputs, resources, events, 409, delete',
    async () => {
      const name = unique('mts-contract')
      const created = await create(name, { template: mainTemplate, ...mainExtras, parameters: { count: 2 } })
      expect(created.name).toBe(name)
      expect((await getStack(session, created.id)).stack_status).toBe('CREATE_IN_PROGRESS')

      const conflict = await create(name, { template: mainTemplate, ...mainExtras }).catch((e) => e)
      expect(conflict).toBeInstanceOf(ConflictError)
      expect(conflict.status).toBe(409)
      expect(conflict.body.error.type).toBe('StackExists')
      expect(conflict.body.error.message).toBe(`The Stack (${name}) already exists.`)

      const done = await waitForStack(session, name, { ...target.wait, until: 'CREATE_COMPLETE' })
      expect(done.stack_status).toBe('CREATE_COMPLETE')
      expect(done.stack_status_reason).toBe('Stack CREATE completed successfully')
      const outputs = outputValues((await getStack(session, name)).outputs)
      expect(outputs.random).toMatch(/^[a-z]{12}$/)
      // The environment's parameters apply: greeting = hi.
      expect(outputs.message).toBe(`hi-${outputs.random}`)
      expect(outputs.echo).toBe(outputs.message)
      expect(outputs.group_refs).toHaveLength(2)

      const resources = await listResources(session, name, { nestedDepth: 2 })
      const top = resources.filter((r) => !r.parent_resource)
      expect(top.map((r) => r.resource_name).sort()).toEqual(['echo', 'group', 'message', 'rand'])
      for (const r of top) expect(r.resource_status).toBe('CREATE_COMPLETE')
      expect(top.find((r) => r.resource_name === 'echo')?.resource_type).toBe('Contract::Echo')
      expect(
        resources
          .filter((r) => r.parent_resource === 'group')
          .map((r) => r.resource_name)
          .sort(),
      ).toEqual(['0', '1'])
      expect(resources.filter((r) => r.parent_resource === 'echo').map((r) => r.resource_name)).toEqual([
        'inner',
      ])
      expect((await listResources(session, name)).length).toBe(4)

      const events = await toArray(listEvents(session, name))
      expect(events[0]).toMatchObject({ resource_name: name, resource_status: 'CREATE_IN_PROGRESS' })
      expect(events.at(-1)).toMatchObject({ resource_name: name, resource_status: 'CREATE_COMPLETE' })
      for (const r of ['rand', 'message', 'echo', 'group'])
        expect(events.filter((e) => e.resource_name === r).map((e) => e.resource_status)).toEqual([
          'CREATE_IN_PROGRESS',
          'CREATE_COMPLETE',
        ])
      const middle = Math.floor(events.length / 2)
      const after = await toArray(listEvents(session, name, { marker: events[middle]?.id as string }))
      expect(after.map((e) => e.id)).toEqual(events.slice(middle + 1).map((e) => e.id))

      await deleteStack(session, name)
      const deleted = await waitForStack(session, created.id, { ...target.wait, until: 'DELETE_COMPLETE' })
      expect(deleted?.stack_status ?? 'DELETE_COMPLETE').toBe('DELETE_COMPLETE')
      expect(await getStack(session, name).catch((e) => e.status)).toBe(404)
    },
    300_000,
  )

  it.skipIf(target.skip)(
    'update with PATCH: a ResourceGroup grows, what was not given is kept',
    ({ skip }) =>
      target.retryStalled(skip, async () => {
        const name = unique('mts-scale')
        const created = await create(name, {
          template: groupTemplate,
          parameters: { count: 1, label: 'kept' },
        })
        await waitForStack(session, name, { ...target.wait, until: 'CREATE_COMPLETE' })
        const before = outputValues((await getStack(session, name)).outputs)
        expect(before.refs).toHaveLength(1)
        const seen = await toArray(listEvents(session, name))

        await updateStack(session, created, { existing: true, parameters: { count: 3 } })
        const updated = await waitForStack(session, name, { ...target.updateWait, until: 'UPDATE_COMPLETE' })
        expect(updated.stack_status_reason).toBe('Stack UPDATE completed successfully')
        expect(updated.parameters).toMatchObject({ count: '3', label: 'kept' })
        const after = outputValues((await getStack(session, name)).outputs)
        expect(after.refs).toHaveLength(3)
        expect((after.refs as string[])[0]).toBe((before.refs as string[])[0])
        expect(after.label).toBe('kept')

        // The update's events: after what was seen, the stack's and its group's, nothing else.
        const events = await toArray(listEvents(session, name, { marker: seen.at(-1)?.id as string }))
        expect(events.map((e) => `${e.resource_name} ${e.resource_status}`)).toEqual([
          `${name} UPDATE_IN_PROGRESS`,
          'group UPDATE_IN_PROGRESS',
          'group UPDATE_COMPLETE',
          `${name} UPDATE_COMPLETE`,
        ])
        const members = (await listResources(session, name, { nestedDepth: 1 })).filter(
          (r) => r.parent_resource === 'group',
        )
        expect(members.map((r) => r.resource_name).sort()).toEqual(['0', '1', '2'])
      }),
    300_000,
  )

  it.skipIf(target.skip)(
    'rolling_update: one member at a time, highest index first, pause_time apart',
    ({ skip }) =>
      target.retryStalled(skip, async () => {
        const name = unique('mts-rolling')
        await create(name, { template: rollingTemplate })
        await waitForStack(session, name, { ...target.wait, until: 'CREATE_COMPLETE' })
        await updateStack(session, name, { existing: true, parameters: { value: 'new' } })
        await waitForStack(session, name, { ...target.updateWait, until: 'UPDATE_COMPLETE' })
        expect(outputValues((await getStack(session, name)).outputs).values).toEqual(['new', 'new', 'new'])

        const events = await toArray(listEvents(session, name, { nestedDepth: 1 }))
        const memberUpdates = events
          .filter((e) => /^\d$/.test(e.resource_name) && e.resource_status === 'UPDATE_COMPLETE')
          .map((e) => ({
            name: e.resource_name,
            at: Date.parse(e.event_time.endsWith('Z') ? e.event_time : `${e.event_time}Z`),
          }))
          .sort((a, b) => a.at - b.at)
        expect(memberUpdates.map((u) => u.name)).toEqual(['2', '1', '0'])
        // Event times have whole seconds: three seconds of pause show as at least two.
        for (let i = 1; i < memberUpdates.length; i++)
          expect((memberUpdates[i]?.at ?? 0) - (memberUpdates[i - 1]?.at ?? 0)).toBeGreaterThanOrEqual(2000)
      }),
    300_000,
  )

  it.skipIf(target.skip)(
    'a failing resource: CREATE_FAILED naming it, no rollback by default',
    async () => {
      const name = unique('mts-fail')
      await create(name, { template: failingTemplate })
      const failed = await waitForStack(session, name, { ...target.wait, until: 'CREATE_COMPLETE' }).catch(
        (e) => e,
      )
      expect(failed.name).toBe('StackFailedError')
      const stack = await getStack(session, name)
      expect(stack.stack_status).toBe('CREATE_FAILED')
      expect(stack.stack_status_reason).toBe(
        'Resource CREATE failed: ValueError: resources.broken: Test Resource failed broken',
      )
      const broken = (await listResources(session, name)).find((r) => r.resource_name === 'broken')
      expect(broken?.resource_status).toBe('CREATE_FAILED')
      expect(broken?.resource_status_reason).toBe('ValueError: resources.broken: Test Resource failed broken')
      const fine = (await listResources(session, name)).find((r) => r.resource_name === 'fine')
      expect(fine?.resource_status).toBe('CREATE_COMPLETE')
    },
    120_000,
  )

  it.skipIf(target.skip)(
    'timeout_mins: still in progress after a minute → CREATE_FAILED "Timed out"',
    async () => {
      const name = unique('mts-timeout')
      const created = await create(name, { template: waitingTemplate, timeoutMins: 1 })
      await target.sleep(20_000)
      expect((await getStack(session, name)).stack_status).toBe('CREATE_IN_PROGRESS')
      const failed = await waitForStack(session, name, { ...target.wait, until: 'CREATE_COMPLETE' }).catch(
        (e) => e,
      )
      expect(failed.name).toBe('StackFailedError')
      const stack = await getStack(session, name)
      expect([stack.stack_status, stack.stack_status_reason]).toEqual(['CREATE_FAILED', 'Timed out'])
      const wait = (await listResources(session, name)).find((r) => r.resource_name === 'wait')
      expect(wait?.resource_status).toBe('CREATE_FAILED')
      expect(wait?.resource_status_reason).toBe(
        `CREATE aborted (Task create from HeatWaitCondition "wait" Stack "${name}" [${created.id}] Timed out)`,
      )
      const events = await toArray(listEvents(session, name))
      expect(events.at(-1)).toMatchObject({ resource_name: name, resource_status: 'CREATE_FAILED' })
    },
    200_000,
  )
})
