import { randomUUID } from 'node:crypto'
import {
  type HotEnvironment,
  type HotResource,
  type HotTemplate,
  parseTemplate,
  TemplateError,
} from '@magnum-ts/orchestration'
import { ApiError, conflict } from '../server/api-error.js'
import type { CloudState } from '../state.js'
import { implementationOf } from './environment.js'
import { ResourceFailure, validationFailed } from './errors.js'
import { type EvalScope, evaluate, evaluateCondition, referencedResources, walkPath } from './functions.js'
import { resolveParameters } from './parameters.js'
import type { EventRecord, ResourceRecord, StackRecord, Step } from './state.js'
import { resourceTypes, templateFileFor, templateResource } from './types/index.js'
import type { NestedControl, ResourceType, TypeContext } from './types/registry.js'

/** Tunables of the fake Heat. */
export interface HeatSettings {
  /** Seconds each resource of a top-level stack takes (by dependency level). Default 1. */
  resourceSeconds: number
  /** `auto`: wait conditions are signalled by the fake itself; `manual`: a test signals them. */
  waitConditions: 'auto' | 'manual'
}

/** A resource made to fail: in stacks whose name (or an ancestor's) matches `stack`. */
export interface ResourceFault {
  stack: string | RegExp
  resource: string
  reason: string
  /** CREATE (default), UPDATE or DELETE. */
  action: string
  left: number
  hits: number
}

/** What the engine works on. */
export interface HeatRuntime {
  state: CloudState
  settings: HeatSettings
  faults: ResourceFault[]
}

let eventSeq = 0
const isMap = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v)

/** Reads a template given as text or object, as Heat's 400 when it is not one. */
export function readTemplate(input: unknown, source = 'template'): HotTemplate {
  if (input === undefined || input === null) throw validationFailed('No template specified')
  try {
    const template = parseTemplate(input as string | HotTemplate, source)
    if (template.resources !== undefined && template.resources !== null && !isMap(template.resources))
      throw validationFailed('"resources" must be a map')
    return template
  } catch (error) {
    if (error instanceof TemplateError) throw validationFailed(error.message)
    throw error
  }
}

function typeFor(stack: { files: Record<string, string> }, implementation: string): ResourceType | undefined {
  const known = resourceTypes[implementation]
  if (known) return known
  const file = templateFileFor(stack.files, implementation)
  return file === undefined ? undefined : templateResource(file)
}

/** Heat's 400 for types it does not know, checked through nested templates and group definitions. */
export function checkTypes(
  template: HotTemplate,
  env: HotEnvironment,
  files: Record<string, string>,
  params: Record<string, unknown>,
  depth = 0,
) {
  if (depth > 5) return
  // Heat refuses a name used by both a parameter and a resource (Python's set repr in the message).
  const duplicates = Object.keys(template.parameters ?? {}).filter((n) => n in (template.resources ?? {}))
  if (duplicates.length > 0)
    throw validationFailed(`Duplicate names {${duplicates.map((n) => `'${n}'`).join(', ')}}`)
  for (const [name, def] of Object.entries(template.resources ?? {})) {
    if (!isMap(def) || typeof def.type !== 'string')
      throw validationFailed(`Resource ${name} is missing "type"`)
    const impl = implementationOf(env, def.type, name)
    if (resourceTypes[impl]) {
      if (impl === 'OS::Heat::ResourceGroup') {
        const props = (def.properties ?? {}) as Record<string, unknown>
        const rd = props.resource_def as { type?: unknown } | undefined
        let count = 1
        try {
          count = Number(evaluate(props.count ?? 1, paramsOnlyScope(params, files)))
        } catch {}
        if (count > 0 && rd && typeof rd.type === 'string') {
          checkTypes(
            { heat_template_version: template.heat_template_version, resources: { '0': { type: rd.type } } },
            env,
            files,
            params,
            depth + 1,
          )
        }
      }
      continue
    }
    const file = templateFileFor(files, impl)
    if (file === undefined) throw validationFailed(`The Resource Type (${impl}) could not be found.`)
    checkTypes(readTemplate(files[file], file), env, files, {}, depth + 1)
  }
}

function paramsOnlyScope(params: Record<string, unknown>, files: Record<string, string>): EvalScope {
  return {
    parameter: (n) => params[n] ?? null,
    resourceRef: () => null,
    attribute: () => null,
    file: (p) => files[p] ?? '',
    condition: () => true,
    hasResource: () => true,
  }
}

/** The arguments of a new stack. */
export interface NewStack {
  name: string
  projectId: string
  userId: string
  userName: string
  parent?: { stack: StackRecord; resource: string }
  template: HotTemplate
  files: Record<string, string>
  environment: HotEnvironment
  parameters: Record<string, unknown>
  tags: string[] | null
  timeoutMins: number | null
  disableRollback: boolean
}

function pseudoParameters(stack: Pick<StackRecord, 'id' | 'name' | 'projectId'>) {
  return { 'OS::stack_name': stack.name, 'OS::stack_id': stack.id, 'OS::project_id': stack.projectId }
}

function parametersFor(
  h: HeatRuntime,
  template: HotTemplate,
  env: HotEnvironment,
  given: Record<string, unknown>,
  nested: boolean,
) {
  const envParams = isMap(env.parameters) ? env.parameters : {}
  const defaults = isMap(env.parameter_defaults) ? env.parameter_defaults : {}
  return resolveParameters(template, { ...envParams, ...given }, defaults, h.state, { strict: !nested })
}

/** Validates and registers a stack, and starts creating it (CREATE_IN_PROGRESS). */
export function createStackRecord(h: HeatRuntime, input: NewStack, now: number): StackRecord {
  const parameters = parametersFor(h, input.template, input.environment, input.parameters, !!input.parent)
  checkTypes(input.template, input.environment, input.files, parameters)
  const stack: StackRecord = {
    id: randomUUID(),
    name: input.name,
    projectId: input.projectId,
    userId: input.userId,
    userName: input.userName,
    parentId: input.parent?.stack.id ?? null,
    parentResource: input.parent?.resource ?? null,
    template: input.template,
    files: input.files,
    environment: input.environment,
    givenParameters: input.parameters,
    parameters,
    tags: input.tags,
    timeoutMins: input.timeoutMins,
    disableRollback: input.disableRollback,
    action: 'CREATE',
    status: 'IN_PROGRESS',
    statusReason: 'Stack CREATE started',
    createdAt: now,
    updatedAt: null,
    deletedAt: null,
    resources: new Map(),
    events: [],
    operation: undefined,
    stepMs: input.parent ? 0 : h.settings.resourceSeconds * 1000,
    failure: undefined,
  }
  const definitions = activeDefinitions(stack)
  const order = levels(definitions)
  h.state.orchestration.stacks.set(stack.id, stack)
  stackEvent(stack, now, 'CREATE_IN_PROGRESS', 'Stack CREATE started')
  for (const name of order.keys())
    stack.resources.set(name, newResource(stack, name, definitions.get(name) as HotResource))
  stack.operation = {
    action: 'CREATE',
    steps: [...order].map(([name, level]) => step(stack, name, 'create', level, now)),
    endsAt: now + (Math.max(0, ...order.values()) + 1) * stack.stepMs,
    ...deadlineFrom(stack, now),
  }
  return stack
}

/** `timeout_mins` counts from the start of each create or update, as in Heat. */
function deadlineFrom(stack: StackRecord, now: number): { deadline?: number } {
  return stack.timeoutMins === null || stack.timeoutMins <= 0
    ? {}
    : { deadline: now + stack.timeoutMins * 60_000 }
}

function step(stack: StackRecord, resource: string, kind: Step['kind'], level: number, now: number): Step {
  const started = now + level * stack.stepMs
  return { resource, kind, started, due: started + stack.stepMs, begun: false }
}

function newResource(stack: StackRecord, name: string, def: HotResource): ResourceRecord {
  return {
    name,
    type: def.type,
    implementation: implementationOf(stack.environment, def.type, name),
    definition: def,
    properties: {},
    physicalId: '',
    action: 'INIT',
    status: 'COMPLETE',
    statusReason: '',
    createdAt: null,
    updatedAt: null,
    attributes: {},
    data: {},
    signals: [],
  }
}

/** The stack's resources whose condition holds, by name. */
function activeDefinitions(stack: StackRecord): Map<string, HotResource> {
  const scope = scopeFor(stack)
  const out = new Map<string, HotResource>()
  for (const [name, def] of Object.entries(stack.template.resources ?? {})) {
    if (def.condition !== undefined && !evaluateCondition(def.condition, scope)) continue
    out.set(name, def)
  }
  return out
}

function dependenciesOf(def: HotResource, known: Map<string, HotResource>): string[] {
  const explicit =
    def.depends_on === undefined ? [] : Array.isArray(def.depends_on) ? def.depends_on : [def.depends_on]
  for (const d of explicit) {
    if (!known.has(d)) throw validationFailed(`"${d}" (in depends_on) is not a resource of this template`)
  }
  const implicit = [...referencedResources(def.properties)].filter((n) => known.has(n))
  return [...new Set([...explicit, ...implicit])]
}

/** Each resource's dependency level (0: depends on nothing), in creation order; 400 on a cycle. */
function levels(defs: Map<string, HotResource>): Map<string, number> {
  const result = new Map<string, number>()
  const visiting = new Set<string>()
  const visit = (name: string): number => {
    const known = result.get(name)
    if (known !== undefined) return known
    if (visiting.has(name))
      throw validationFailed(`Circular Dependency Found: ${[...visiting, name].join(' -> ')}`)
    visiting.add(name)
    const deps = dependenciesOf(defs.get(name) as HotResource, defs)
    const level = deps.length === 0 ? 0 : 1 + Math.max(...deps.map(visit))
    visiting.delete(name)
    result.set(name, level)
    return level
  }
  for (const name of defs.keys()) visit(name)
  return new Map([...result].sort((a, b) => a[1] - b[1]))
}

function conditionScope(stack: StackRecord, base: EvalScope): (name: string) => boolean {
  const seen = new Set<string>()
  return (name) => {
    const expr = stack.template.conditions?.[name]
    if (expr === undefined) throw validationFailed(`Invalid condition "${name}"`)
    if (seen.has(name)) throw validationFailed(`Circular definition for condition "${name}"`)
    seen.add(name)
    try {
      return evaluateCondition(expr, base)
    } finally {
      seen.delete(name)
    }
  }
}

/** What intrinsic functions see inside one stack. */
export function scopeFor(stack: StackRecord, h?: HeatRuntime): EvalScope {
  const params = { ...stack.parameters, ...pseudoParameters(stack) }
  const scope: EvalScope = {
    parameter: (name) => {
      if (!(name in params)) throw validationFailed(`The Parameter (${name}) was not defined in template.`)
      return params[name as keyof typeof params]
    },
    resourceRef: (name) => stack.resources.get(name)?.physicalId || null,
    hasResource: (name) => name in (stack.template.resources ?? {}),
    attribute: (name, attribute, path) => (h ? attributeOf(h, stack, name, attribute, path) : null),
    file: (path) => {
      const text = stack.files[path]
      if (text === undefined)
        throw validationFailed(`No content found in the "files" section for get_file path: ${path}`)
      return text
    },
    condition: () => true,
  }
  scope.condition = conditionScope(stack, scope)
  return scope
}

/** `get_attr` on a resource of a stack (null while it does not exist, as Heat answers). */
export function attributeOf(
  h: HeatRuntime,
  stack: StackRecord,
  name: string,
  attribute: string,
  path: unknown[],
): unknown {
  const resource = stack.resources.get(name)
  if (!resource?.physicalId) return null
  const type = typeFor(stack, resource.implementation)
  const ctx = typeContext(h, stack, resource, Date.now())
  if (type?.attributePath) return type.attributePath(ctx, attribute, path) ?? null
  const live = type?.attribute?.(ctx, attribute)
  const value =
    live !== undefined ? live : attribute === 'show' ? resource.properties : resource.attributes[attribute]
  return walkPath(value ?? null, path)
}

/** The outputs of a stack, each resolved or carrying `output_error`. */
export function outputsOf(h: HeatRuntime, stack: StackRecord, keys?: string[]) {
  const scope = scopeFor(stack, h)
  return Object.entries(stack.template.outputs ?? {})
    .filter(([key]) => !keys || keys.includes(key))
    .map(([key, output]) => {
      const base = { output_key: key, description: output.description ?? 'No description given' }
      try {
        if (output.condition !== undefined && !evaluateCondition(output.condition, scope))
          return { ...base, output_value: null }
        return { ...base, output_value: evaluate(output.value, scope) ?? null }
      } catch (error) {
        return {
          ...base,
          output_value: null,
          output_error: error instanceof Error ? error.message : String(error),
        }
      }
    })
}

function rootOf(h: HeatRuntime, stack: StackRecord): StackRecord[] {
  const chain = [stack]
  let current = stack
  while (current.parentId) {
    const parent = h.state.orchestration.stacks.get(current.parentId)
    if (!parent) break
    chain.push(parent)
    current = parent
  }
  return chain
}

function faultFor(
  h: HeatRuntime,
  stack: StackRecord,
  resource: string,
  action: string,
): ResourceFault | undefined {
  const names = rootOf(h, stack).map((s) => s.name)
  return h.faults.find(
    (f) =>
      f.left > 0 &&
      f.resource === resource &&
      f.action === action &&
      names.some((n) => (typeof f.stack === 'string' ? globMatch(f.stack, n) : f.stack.test(n))),
  )
}

function globMatch(pattern: string, text: string): boolean {
  const regex = new RegExp(
    `^${pattern
      .split('*')
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  )
  return regex.test(text)
}

function typeContext(h: HeatRuntime, stack: StackRecord, resource: ResourceRecord, now: number): TypeContext {
  return {
    state: h.state,
    now,
    stack,
    resource,
    stamp: { now, projectId: stack.projectId, userId: stack.userId, readyAt: now },
    physicalName: () => `${stack.name}-${resource.name}-${randomUUID().replace(/-/g, '').slice(0, 12)}`,
    nested: nestedControl(h, stack, resource, now),
    waitConditions: stack.parentId ? 'auto' : h.settings.waitConditions,
    updatePolicy: () => {
      const policy = evaluate(resource.definition.update_policy ?? {}, scopeFor(stack, h))
      return isMap(policy) ? policy : {}
    },
  }
}

function nestedControl(
  h: HeatRuntime,
  parent: StackRecord,
  resource: ResourceRecord,
  now: number,
): NestedControl {
  const get = (id: string) => h.state.orchestration.stacks.get(id)
  return {
    create: (template, parameters) => {
      const child = createStackRecord(
        h,
        {
          name: `${parent.name}-${resource.name}-${randomUUID().replace(/-/g, '').slice(0, 12)}`,
          projectId: parent.projectId,
          userId: parent.userId,
          userName: parent.userName,
          parent: { stack: parent, resource: resource.name },
          template,
          files: parent.files,
          environment: parent.environment,
          parameters,
          tags: null,
          timeoutMins: null,
          disableRollback: true,
        },
        now,
      )
      settle(h, child, now)
      return child
    },
    update: (id, template, parameters) => {
      const child = get(id)
      if (!child) throw new ResourceFailure('NotFound', `The Stack (${id}) could not be found.`)
      startUpdate(
        h,
        child,
        { template, parameters, files: parent.files, environment: parent.environment },
        now,
      )
      settle(h, child, now)
      return child
    },
    delete: (id) => {
      const child = get(id)
      if (!child || child.deletedAt !== null) return
      startDelete(h, child, now)
      settle(h, child, now)
    },
    settle: (id) => {
      const child = get(id)
      if (child?.operation) settle(h, child, now)
      const steps = child?.operation?.steps
      if (!steps) return true
      return Math.min(...steps.map((s) => (s.begun ? s.due : s.started)))
    },
    get,
    output: (id, key) => {
      const child = get(id)
      return child ? (outputsOf(h, child, [key])[0]?.output_value ?? null) : null
    },
    attribute: (id, name, attribute, path) => {
      const child = get(id)
      return child ? attributeOf(h, child, name, attribute, path) : null
    },
  }
}

function event(
  stack: StackRecord,
  time: number,
  r: { name: string; physicalId: string; type: string },
  status: string,
  reason: string,
) {
  const e: EventRecord = {
    id: randomUUID(),
    stackId: stack.id,
    time,
    resourceName: r.name,
    physicalId: r.physicalId,
    status,
    reason,
    type: r.type,
    seq: eventSeq++,
  }
  stack.events.push(e)
}

function stackEvent(stack: StackRecord, time: number, status: string, reason: string) {
  event(stack, time, { name: stack.name, physicalId: stack.id, type: 'OS::Heat::Stack' }, status, reason)
}

/** Advances every top-level stack's operation to `now` (nested ones run inside their parent). */
export function settleAll(h: HeatRuntime, now: number) {
  for (const stack of h.state.orchestration.stacks.values()) {
    if (!stack.parentId && stack.operation) settle(h, stack, now)
  }
}

/** Runs the steps of a stack's operation whose time has come. */
export function settle(h: HeatRuntime, stack: StackRecord, now: number) {
  for (let guard = 0; guard < 100_000; guard++) {
    const op = stack.operation
    if (!op) return
    let next: Step | undefined
    let nextTime = Number.POSITIVE_INFINITY
    for (const s of op.steps) {
      const t = s.begun ? s.due : s.started
      if (t > now) continue
      if (t < nextTime || (t === nextTime && s.begun && !next?.begun)) {
        next = s
        nextTime = t
      }
    }
    // Whatever is still running when `timeout_mins` runs out fails the stack at that instant.
    const deadline = op.deadline ?? Number.POSITIVE_INFINITY
    if (op.steps.length > 0 && now >= deadline && !(next && nextTime < deadline)) {
      timeOut(h, stack, deadline)
      return
    }
    if (!next) {
      if (op.steps.length === 0) finish(h, stack, Math.min(now, Math.max(op.endsAt, stack.createdAt)))
      return
    }
    const time = next.begun ? next.due : next.started
    try {
      if (next.begun) completeStep(h, stack, next, time)
      else beginStep(h, stack, next, time)
    } catch (error) {
      fail(h, stack, next, error, time)
    }
  }
}

const ACTION = { create: 'CREATE', update: 'UPDATE', delete: 'DELETE' } as const

function beginStep(h: HeatRuntime, stack: StackRecord, s: Step, time: number) {
  const resource = stack.resources.get(s.resource) as ResourceRecord
  const type = typeFor(stack, resource.implementation)
  const ctx = typeContext(h, stack, resource, time)
  s.begun = true
  if (s.kind === 'delete') {
    if (!resource.physicalId && resource.action === 'INIT') {
      stack.resources.delete(resource.name)
      removeStep(stack, s)
      return
    }
    setStatus(stack, resource, 'DELETE', 'IN_PROGRESS', 'state changed', time)
    checkFault(h, stack, resource, 'DELETE')
    type?.delete?.(ctx)
    return
  }
  if (!type)
    throw new ResourceFailure(
      'StackValidationFailed',
      `The Resource Type (${resource.implementation}) could not be found.`,
    )
  const def = resource.definition
  const props = (evaluate(def.properties ?? {}, scopeFor(stack, h)) ?? {}) as Record<string, unknown>
  if (s.kind === 'update') {
    const previous = resource.properties
    const unhealthy = resource.action === 'CHECK' && resource.status === 'FAILED'
    const sameType = resource.implementation === implementationOf(stack.environment, def.type, resource.name)
    // Heat always updates a nested stack (template resource, group) and lets its members decide.
    const ownsStack = resource.nestedStackId !== undefined
    if (
      !ownsStack &&
      !unhealthy &&
      sameType &&
      JSON.stringify(previous) === JSON.stringify(props) &&
      resource.status !== 'FAILED'
    ) {
      // Unchanged: Heat emits nothing for it.
      removeStep(stack, s)
      return
    }
    setStatus(stack, resource, 'UPDATE', 'IN_PROGRESS', 'state changed', time)
    checkFault(h, stack, resource, 'UPDATE')
    const changed = Object.keys({ ...previous, ...props }).filter(
      (k) => JSON.stringify(previous[k]) !== JSON.stringify(props[k]),
    )
    const inPlace =
      !unhealthy &&
      sameType &&
      type.update &&
      (!type.updatable || changed.every((k) => type.updatable?.includes(k)))
    if (inPlace) type.update?.(ctx, props, previous)
    else {
      // Replacement: the old object goes, a new one (new physical id) takes its place.
      type.delete?.(ctx)
      Object.assign(resource, {
        physicalId: '',
        attributes: {},
        data: {},
        signals: [],
        nestedStackId: undefined,
      })
      resource.implementation = implementationOf(stack.environment, def.type, resource.name)
      ;(typeFor(stack, resource.implementation) ?? type).create(typeContext(h, stack, resource, time), props)
    }
    resource.properties = props
    resource.updatedAt = time
    return
  }
  setStatus(stack, resource, 'CREATE', 'IN_PROGRESS', 'state changed', time)
  resource.createdAt = time
  checkFault(h, stack, resource, 'CREATE')
  type.create(ctx, props)
  resource.properties = props
}

function checkFault(h: HeatRuntime, stack: StackRecord, resource: ResourceRecord, action: string) {
  const fault = faultFor(h, stack, resource.name, action)
  if (!fault) return
  fault.left--
  fault.hits++
  throw new ResourceFailure('ResourceInError', fault.reason)
}

function completeStep(h: HeatRuntime, stack: StackRecord, s: Step, time: number) {
  const resource = stack.resources.get(s.resource) as ResourceRecord
  if (s.kind === 'delete') {
    event(stack, time, resource, 'DELETE_COMPLETE', 'state changed')
    stack.resources.delete(resource.name)
    removeStep(stack, s)
    return
  }
  const type = typeFor(stack, resource.implementation)
  if (type?.ready) {
    const ready = type.ready(typeContext(h, stack, resource, time))
    if (typeof ready === 'number') {
      // The type said when to look again (a rolling update's next batch).
      s.due = Math.max(ready, time)
      return
    }
    if (typeof ready === 'string') {
      const [kind, ...rest] = ready.split(': ')
      throw new ResourceFailure(kind ?? 'Error', rest.join(': '))
    }
    if (!ready) {
      s.due = time + Math.max(stack.stepMs, 1000)
      return
    }
  }
  setStatus(stack, resource, ACTION[s.kind], 'COMPLETE', 'state changed', time)
  removeStep(stack, s)
}

function removeStep(stack: StackRecord, s: Step) {
  if (stack.operation) stack.operation.steps = stack.operation.steps.filter((x) => x !== s)
}

function setStatus(
  stack: StackRecord,
  r: ResourceRecord,
  action: ResourceRecord['action'],
  status: ResourceRecord['status'],
  reason: string,
  time: number,
) {
  r.action = action
  r.status = status
  r.statusReason = reason
  if (action === 'UPDATE' || status !== 'IN_PROGRESS') r.updatedAt = time
  event(stack, time, r, `${action}_${status}`, reason)
}

function failureOf(error: unknown): ResourceFailure {
  if (error instanceof ResourceFailure) return error
  if (error instanceof ApiError) return new ResourceFailure(error.kind ?? 'BadRequest', error.message)
  return new ResourceFailure('Error', error instanceof Error ? error.message : String(error))
}

function fail(h: HeatRuntime, stack: StackRecord, s: Step, error: unknown, time: number) {
  const failure = failureOf(error)
  const op = stack.operation
  const action = op?.action ?? 'CREATE'
  const resource = stack.resources.get(s.resource)
  const path = [s.resource, ...failure.path]
  const reason = `${failure.kind}: resources.${path.join('.resources.')}: ${failure.message}`
  if (resource) setStatus(stack, resource, ACTION[s.kind], 'FAILED', reason, time)
  for (const other of op?.steps ?? []) {
    const r = stack.resources.get(other.resource)
    if (other !== s && other.begun && r?.status === 'IN_PROGRESS')
      setStatus(stack, r, r.action, 'FAILED', `${r.action} aborted`, time)
  }
  stack.operation = undefined
  stack.failure = { kind: failure.kind, path, message: failure.message }
  stack.action = action
  stack.status = 'FAILED'
  stack.statusReason = `Resource ${ACTION[s.kind]} failed: ${reason}`
  stackEvent(stack, time, `${action}_FAILED`, stack.statusReason)
  if (action === 'CREATE' && !stack.disableRollback) {
    stack.action = 'ROLLBACK'
    stack.status = 'IN_PROGRESS'
    stack.statusReason = 'Stack ROLLBACK started'
    stackEvent(stack, time, 'ROLLBACK_IN_PROGRESS', stack.statusReason)
    const saved = stack.stepMs
    stack.stepMs = 0
    planDelete(stack, time)
    settle(h, stack, time)
    stack.stepMs = saved
    stack.deletedAt = null
    stack.action = 'ROLLBACK'
    stack.status = 'COMPLETE'
    stack.statusReason = 'Stack ROLLBACK completed successfully'
    stack.events.pop()
    stackEvent(stack, time, 'ROLLBACK_COMPLETE', stack.statusReason)
  }
}

/** Heat's class name for a type, as its task messages print it. */
function taskClassName(resource: ResourceRecord): string {
  const known: Record<string, string> = {
    'OS::Heat::WaitCondition': 'HeatWaitCondition',
    'OS::Heat::TestResource': 'TestResource',
    'OS::Heat::None': 'NoneResource',
    'OS::Heat::ResourceGroup': 'ResourceGroup',
    'OS::Heat::RandomString': 'RandomString',
    'OS::Heat::Value': 'Value',
  }
  return known[resource.implementation] ?? resource.implementation.split('::').pop() ?? 'Resource'
}

/**
 * `timeout_mins` ran out (convergence Heat's wording, checked against Heat 19): the stack fails
 * with "Timed out" and every resource still in progress fails as its task aborted.
 */
function timeOut(h: HeatRuntime, stack: StackRecord, time: number) {
  const op = stack.operation
  if (!op) return
  for (const s of op.steps) {
    const r = stack.resources.get(s.resource)
    if (!s.begun || !r || r.status !== 'IN_PROGRESS') continue
    // A nested stack still busy (a rolling group) times out with its parent.
    const child = r.nestedStackId ? h.state.orchestration.stacks.get(r.nestedStackId) : undefined
    if (child?.operation) timeOut(h, child, time)
    const task = `Task ${s.kind} from ${taskClassName(r)} "${r.name}" Stack "${stack.name}" [${stack.id}] Timed out`
    setStatus(stack, r, r.action, 'FAILED', `${r.action} aborted (${task})`, time)
  }
  stack.operation = undefined
  stack.failure = { kind: 'Timeout', path: [], message: 'Timed out' }
  stack.action = op.action
  stack.status = 'FAILED'
  stack.statusReason = 'Timed out'
  stackEvent(stack, time, `${op.action}_FAILED`, stack.statusReason)
}

function finish(_h: HeatRuntime, stack: StackRecord, time: number) {
  const op = stack.operation
  if (!op) return
  stack.operation = undefined
  stack.action = op.action
  stack.status = 'COMPLETE'
  stack.failure = undefined
  stack.statusReason = `Stack ${op.action} completed successfully`
  if (op.action === 'DELETE') stack.deletedAt = time
  stackEvent(stack, time, `${op.action}_COMPLETE`, stack.statusReason)
}

function planDelete(stack: StackRecord, now: number) {
  const defs = new Map([...stack.resources].map(([n, r]) => [n, r.definition]))
  let order: Map<string, number>
  try {
    order = levels(defs)
  } catch {
    order = new Map([...defs.keys()].map((n, i) => [n, i]))
  }
  const max = Math.max(0, ...order.values())
  // Dependents go first: the reverse of the creation levels.
  const reversed = [...order].map(([n, level]) => [n, max - level] as const).sort((a, b) => a[1] - b[1])
  stack.operation = {
    action: 'DELETE',
    steps: reversed.map(([n, level]) => step(stack, n, 'delete', level, now)),
    endsAt: now + (max + 1) * stack.stepMs,
  }
}

/** Starts deleting a stack (DELETE_IN_PROGRESS); whatever was under way is abandoned. */
export function startDelete(_h: HeatRuntime, stack: StackRecord, now: number) {
  stack.action = 'DELETE'
  stack.status = 'IN_PROGRESS'
  stack.statusReason = 'Stack DELETE started'
  stackEvent(stack, now, 'DELETE_IN_PROGRESS', stack.statusReason)
  planDelete(stack, now)
}

/** What an update changes. */
export interface StackChange {
  template: HotTemplate
  parameters: Record<string, unknown>
  files: Record<string, string>
  environment: HotEnvironment
  tags?: string[] | null
  timeoutMins?: number | null
}

/** Validates an update and starts it (UPDATE_IN_PROGRESS); 409 while another action runs. */
export function startUpdate(h: HeatRuntime, stack: StackRecord, change: StackChange, now: number) {
  if (stack.operation) {
    throw conflict(
      `Stack ${stack.name} already has an action (${stack.operation.action}) in progress.`,
      'ActionInProgress',
    )
  }
  const parameters = parametersFor(
    h,
    change.template,
    change.environment,
    change.parameters,
    !!stack.parentId,
  )
  checkTypes(change.template, change.environment, change.files, parameters)
  const previousResources = new Map([...stack.resources].map(([n, r]) => [n, r.definition]))
  Object.assign(stack, {
    template: change.template,
    files: change.files,
    environment: change.environment,
    givenParameters: change.parameters,
    parameters,
    action: 'UPDATE',
    status: 'IN_PROGRESS',
    statusReason: 'Stack UPDATE started',
    updatedAt: now,
  })
  if (change.tags !== undefined) stack.tags = change.tags
  if (change.timeoutMins !== undefined) stack.timeoutMins = change.timeoutMins
  stackEvent(stack, now, 'UPDATE_IN_PROGRESS', stack.statusReason)
  const definitions = activeDefinitions(stack)
  const order = levels(definitions)
  const steps: Step[] = []
  for (const [name, level] of order) {
    const existing = stack.resources.get(name)
    const def = definitions.get(name) as HotResource
    if (existing?.physicalId) {
      existing.definition = def
      steps.push(step(stack, name, 'update', level, now))
    } else {
      stack.resources.set(name, newResource(stack, name, def))
      steps.push(step(stack, name, 'create', level, now))
    }
  }
  const after = Math.max(0, ...order.values()) + 1
  const gone = [...previousResources.keys()].filter((n) => !definitions.has(n))
  let goneOrder: Map<string, number>
  try {
    goneOrder = levels(
      new Map(
        gone.map((n) => [n, { ...(previousResources.get(n) as HotResource), depends_on: [] } as HotResource]),
      ),
    )
  } catch {
    goneOrder = new Map(gone.map((n) => [n, 0]))
  }
  for (const name of gone) steps.push(step(stack, name, 'delete', after + (goneOrder.get(name) ?? 0), now))
  stack.operation = {
    action: 'UPDATE',
    steps,
    endsAt: now + (after + (gone.length ? 1 : 0)) * stack.stepMs,
    ...deadlineFrom(stack, now),
  }
}
