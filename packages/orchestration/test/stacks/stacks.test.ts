import { BadRequestError, ConflictError, type HttpError, NotFoundError, ServerError } from '@magnum-ts/auth'
import {
  createStack,
  deleteStack,
  getStack,
  hotTemplate,
  listStacks,
  previewStack,
  resource,
  stackIdentity,
  updateStack,
} from '@magnum-ts/orchestration'
import { HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { heatError, setupHeat, stackBody } from '../support/heat.js'

const heat = setupHeat()
const ID = '1aa7cebd-f0a9-4415-a58d-faeb934aa7b4'
const template = hotTemplate({ resources: { r: resource('OS::Heat::RandomString', { length: 8 }) } })

describe('createStack', () => {
  it('POSTs /stacks with the token and every field in Heat wire form', async () => {
    heat.on('post', '/stacks', () =>
      HttpResponse.json(
        { stack: { id: ID, links: [{ href: `${heat.base}/stacks/s1/${ID}`, rel: 'self' }] } },
        { status: 201 },
      ),
    )
    const created = await createStack(heat.session(), {
      name: 's1',
      template,
      files: { 'nested.yaml': hotTemplate(), 'a.sh': '#!/bin/sh\n' },
      environment: { resource_registry: { 'OS::Nova::Server': 'OS::Heat::None' } },
      environmentFiles: ['env.yaml'],
      parameters: { count: 3 },
      timeoutMins: 10,
      disableRollback: false,
      tags: ['magnum', 'k8s'],
    })
    expect(created).toEqual({
      id: ID,
      name: 's1',
      links: [{ href: `${heat.base}/stacks/s1/${ID}`, rel: 'self' }],
    })
    const [req] = heat.seen
    expect(req!.method).toBe('POST')
    expect(req!.path).toBe('/stacks')
    expect(req!.headers.get('x-auth-token')).toBe(heat.identity.token)
    expect(req!.headers.get('content-type')).toMatch(/application\/json/)
    expect(req!.body).toEqual({
      stack_name: 's1',
      template,
      files: { 'nested.yaml': 'heat_template_version: 2018-08-31\nresources: {}\n', 'a.sh': '#!/bin/sh\n' },
      environment: { resource_registry: { 'OS::Nova::Server': 'OS::Heat::None' } },
      environment_files: ['env.yaml'],
      parameters: { count: 3 },
      timeout_mins: 10,
      disable_rollback: false,
      tags: 'magnum,k8s',
    })
  })

  it('sends a YAML template as text, untouched', async () => {
    heat.on('post', '/stacks', () => HttpResponse.json({ stack: { id: ID, links: [] } }, { status: 201 }))
    const yaml = 'heat_template_version: 2018-08-31\nresources: {}\n'
    await createStack(heat.session(), { name: 's1', template: yaml })
    expect(heat.seen[0]!.body).toEqual({ stack_name: 's1', template: yaml })
  })

  it('refuses a create without a template before any request', async () => {
    await expect(createStack(heat.session(), { name: 's1' })).rejects.toThrow(/give `template`/)
    expect(heat.seen).toHaveLength(0)
  })

  it.each([
    [400, 'StackValidationFailed', BadRequestError],
    [409, 'StackExists', ConflictError],
    [500, 'InternalError', ServerError],
  ] as const)(
    'a %i envelope becomes %s … with Heat message and request id',
    async (status, type, ErrorClass) => {
      heat.on('post', '/stacks', () => heatError(status, type, `The Stack (s1) says ${type}.`))
      const error = (await createStack(heat.session(), { name: 's1', template }).catch(
        (e: unknown) => e,
      )) as HttpError
      expect(error).toBeInstanceOf(ErrorClass)
      expect(error.status).toBe(status)
      expect(error.service).toBe('orchestration')
      expect(error.requestId).toBe(`req-${status}-test`)
      expect(error.message).toContain(`The Stack (s1) says ${type}.`)
    },
  )
})

describe('getStack', () => {
  it('GETs /stacks/{name}/{id} for an identity, with resolve_outputs', async () => {
    heat.on('get', `/stacks/s1/${ID}`, () => ({ stack: stackBody(heat.base, 's1', ID) }))
    const stack = await getStack(heat.session(), { name: 's1', id: ID }, { resolveOutputs: false })
    expect(stack.stack_status).toBe('CREATE_COMPLETE')
    expect(heat.seen[0]!.query.get('resolve_outputs')).toBe('false')
    expect(heat.seen[0]!.headers.get('x-auth-token')).toBe(heat.identity.token)
  })

  it('follows Heat redirect from /stacks/{name} to /stacks/{name}/{id}', async () => {
    heat.on('get', '/stacks/s1', () =>
      HttpResponse.json(
        { message: 'The resource was found at …', code: '302 Found', title: 'Found' },
        { status: 302, headers: { location: `${heat.base}/stacks/s1/${ID}?resolve_outputs=true` } },
      ),
    )
    heat.on('get', `/stacks/s1/${ID}`, () => ({ stack: stackBody(heat.base, 's1', ID) }))
    const stack = await getStack(heat.session(), 's1', { resolveOutputs: true })
    expect(stack.id).toBe(ID)
    expect(heat.seen.map((s) => `${s.path}?${s.query}`)).toEqual([
      '/stacks/s1?resolve_outputs=true',
      `/stacks/s1/${ID}?resolve_outputs=true`,
    ])
    expect(heat.seen[1]!.headers.get('x-auth-token')).toBe(heat.identity.token)
  })

  it('URL-encodes names', async () => {
    heat.on('get', '/stacks/a%20b%2Fc/x', () => ({ stack: stackBody(heat.base, 'a b/c', 'x') }))
    await getStack(heat.session(), { name: 'a b/c', id: 'x' })
    expect(heat.seen[0]!.path).toBe('/stacks/a%20b%2Fc/x')
  })

  it('a missing stack is a NotFoundError carrying the message of the envelope', async () => {
    heat.on('get', '/stacks/nope', () =>
      heatError(404, 'EntityNotFound', 'The Stack (nope) could not be found.'),
    )
    const error = await getStack(heat.session(), 'nope').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(NotFoundError)
    expect((error as NotFoundError).message).toContain('The Stack (nope) could not be found.')
  })

  it('stackIdentity resolves a name to { name, id }', async () => {
    heat.on('get', `/stacks/${ID}`, () => ({ stack: stackBody(heat.base, 's1', ID) }))
    expect(await stackIdentity(heat.session(), ID)).toEqual({ name: 's1', id: ID })
    expect(heat.seen[0]!.query.get('resolve_outputs')).toBe('false')
  })
})

describe('listStacks', () => {
  it('sends every filter in Heat query form', async () => {
    heat.on('get', '/stacks', () => ({ stacks: [] }))
    const all = []
    for await (const s of listStacks(heat.session(), {
      ids: ['a', 'b'],
      status: ['CREATE_COMPLETE', 'UPDATE_COMPLETE'],
      name: 'k8s',
      action: 'CREATE',
      tagsAny: ['x', 'y'],
      notTags: ['old'],
      globalTenant: true,
      showNested: true,
      limit: 50,
      sortKeys: ['creation_time'],
      sortDir: 'desc',
    })) {
      all.push(s)
    }
    expect(all).toEqual([])
    const q = heat.seen[0]!.query
    expect(q.getAll('id')).toEqual(['a', 'b'])
    expect(q.getAll('status')).toEqual(['CREATE_COMPLETE', 'UPDATE_COMPLETE'])
    expect(q.get('stack_name')).toBe('k8s')
    expect(q.get('action')).toBe('CREATE')
    expect(q.get('tags_any')).toBe('x,y')
    expect(q.get('not_tags')).toBe('old')
    expect(q.get('global_tenant')).toBe('true')
    expect(q.get('show_nested')).toBe('true')
    expect(q.get('limit')).toBe('50')
    expect(q.get('sort_keys')).toBe('creation_time')
    expect(q.get('sort_dir')).toBe('desc')
  })

  it('follows links rel=next across three pages and stops on the last', async () => {
    const names = ['a', 'b', 'c', 'd', 'e']
    heat.on('get', '/stacks', (req) => {
      const marker = req.query.get('marker')
      const start = marker ? names.indexOf(marker) + 1 : 0
      const page = names.slice(start, start + 2)
      const body: Record<string, unknown> = { stacks: page.map((n) => stackBody(heat.base, n, n)) }
      if (page.length === 2) {
        body.links = [
          { rel: 'next', href: `${heat.base}/stacks?limit=2&status=CREATE_COMPLETE&marker=${page[1]}` },
        ]
      }
      return body
    })
    const got: string[] = []
    for await (const s of listStacks(heat.session(), { limit: 2, status: 'CREATE_COMPLETE' }))
      got.push(s.stack_name)
    expect(got).toEqual(names)
    expect(heat.seen.map((s) => s.query.get('marker'))).toEqual([null, 'b', 'd'])
    expect(heat.seen.every((s) => s.query.get('status') === 'CREATE_COMPLETE')).toBe(true)
    expect(heat.seen.every((s) => s.headers.get('x-auth-token') === heat.identity.token)).toBe(true)
  })

  it('with tags, filters id, name, status and action locally (Heat mishandles that combination)', async () => {
    heat.on('get', '/stacks', () => ({
      stacks: [
        stackBody(heat.base, 'a', '1', 'CREATE_COMPLETE'),
        stackBody(heat.base, 'b', '2', 'UPDATE_COMPLETE'),
        stackBody(heat.base, 'c', '3', 'CREATE_FAILED'),
      ],
    }))
    const names = async (options: Parameters<typeof listStacks>[1]) => {
      const out: string[] = []
      for await (const s of listStacks(heat.session(), options)) out.push(s.stack_name)
      return out
    }
    expect(await names({ tags: ['t'], status: 'COMPLETE' })).toEqual(['a', 'b'])
    expect(await names({ tags: ['t'] })).toEqual(['a', 'b', 'c'])
    expect(await names({ tags: ['t'], status: ['CREATE_FAILED', 'UPDATE_COMPLETE'] })).toEqual(['b', 'c'])
    expect(await names({ tags: ['t'], action: 'CREATE' })).toEqual(['a', 'c'])
    expect(await names({ tags: ['t'], ids: ['3'], name: ['c'] })).toEqual(['c'])
    for (const req of heat.seen) {
      expect([...req.query.entries()]).toEqual([['tags', 't']])
    }
  })
})

describe('updateStack', () => {
  it('PUTs a full update to /stacks/{name}/{id}', async () => {
    heat.on('put', `/stacks/s1/${ID}`, () => new HttpResponse(null, { status: 202 }))
    await updateStack(
      heat.session(),
      { name: 's1', id: ID },
      { template, parameters: { count: 2 }, timeoutMins: 5 },
    )
    expect(heat.seen[0]!.method).toBe('PUT')
    expect(heat.seen[0]!.body).toEqual({ template, parameters: { count: 2 }, timeout_mins: 5 })
  })

  it('PATCHes with existing: true, resolving a name first', async () => {
    heat.on('get', '/stacks/s1', () => ({ stack: stackBody(heat.base, 's1', ID) }))
    heat.on('patch', `/stacks/s1/${ID}`, () => new HttpResponse(null, { status: 202 }))
    await updateStack(heat.session(), 's1', {
      existing: true,
      parameters: { count: 2 },
      clearParameters: ['wait'],
      converge: true,
    })
    expect(heat.seen.map((s) => `${s.method} ${s.path}`)).toEqual([
      'GET /stacks/s1',
      `PATCH /stacks/s1/${ID}`,
    ])
    expect(heat.seen[1]!.body).toEqual({
      parameters: { count: 2 },
      clear_parameters: ['wait'],
      converge: true,
    })
  })

  it('refuses a PUT without a template, naming the fix', async () => {
    await expect(updateStack(heat.session(), { name: 's1', id: ID }, { parameters: {} })).rejects.toThrow(
      /existing: true/,
    )
    expect(heat.seen).toHaveLength(0)
  })

  it('a 409 (update in progress) is a ConflictError', async () => {
    heat.on('patch', `/stacks/s1/${ID}`, () =>
      heatError(409, 'ActionInProgress', 'Stack s1 already has an action (UPDATE) in progress.'),
    )
    const error = await updateStack(heat.session(), { name: 's1', id: ID }, { existing: true }).catch(
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(ConflictError)
    expect((error as Error).message).toContain('already has an action (UPDATE) in progress')
  })
})

describe('deleteStack', () => {
  it('DELETEs /stacks/{name}/{id}', async () => {
    heat.on('delete', `/stacks/s1/${ID}`, () => new HttpResponse(null, { status: 204 }))
    await deleteStack(heat.session(), { name: 's1', id: ID })
    expect(heat.seen[0]!.method).toBe('DELETE')
    expect(heat.seen[0]!.headers.get('x-auth-token')).toBe(heat.identity.token)
  })
})

describe('previewStack', () => {
  it('POSTs /stacks/preview and returns the stack with its planned resources', async () => {
    heat.on('post', '/stacks/preview', () => ({
      stack: {
        ...stackBody(heat.base, 'pv', 'None'),
        resources: [{ resource_name: 'r', resource_action: 'INIT' }],
      },
    }))
    const pv = await previewStack(heat.session(), { name: 'pv', template, parameters: { length: 9 } })
    expect(pv.resources).toEqual([{ resource_name: 'r', resource_action: 'INIT' }])
    expect(heat.seen[0]!.body).toEqual({ stack_name: 'pv', template, parameters: { length: 9 } })
  })
})
