import { isoSeconds } from '../server/time.js'
import type { HeatRuntime } from './engine.js'
import { outputsOf } from './engine.js'
import type { EventRecord, ResourceRecord, StackRecord } from './state.js'

/** `<serviceUrl>/stacks/<name>/<id>`. */
export function stackHref(serviceUrl: string, stack: StackRecord): string {
  return `${serviceUrl}/stacks/${encodeURIComponent(stack.name)}/${stack.id}`
}

const time = (ms: number | null) => (ms === null ? null : isoSeconds(ms))

function shown(value: unknown): string {
  if (typeof value === 'string') return value
  if (Array.isArray(value)) return value.map(String).join(',')
  if (typeof value === 'object' && value !== null) return JSON.stringify(value)
  return String(value)
}

/** A stack as `GET /stacks` lists it. */
export function stackSummary(h: HeatRuntime, serviceUrl: string, stack: StackRecord) {
  const parent = stack.parentId ? h.state.orchestration.stacks.get(stack.parentId) : undefined
  return {
    id: stack.id,
    stack_name: stack.name,
    description: stack.template.description ?? 'No description',
    stack_status: `${stack.action}_${stack.status}`,
    stack_status_reason: stack.statusReason,
    creation_time: time(stack.createdAt),
    updated_time: time(stack.updatedAt),
    deletion_time: time(stack.deletedAt),
    stack_owner: stack.userName,
    parent: parent?.id ?? null,
    stack_user_project_id: stack.projectId,
    tags: stack.tags && stack.tags.length > 0 ? stack.tags : null,
    links: [{ href: stackHref(serviceUrl, stack), rel: 'self' }],
  }
}

/** A stack as `GET /stacks/{name}/{id}` shows it (outputs resolved unless asked not to). */
export function stackDetail(h: HeatRuntime, serviceUrl: string, stack: StackRecord, resolveOutputs: boolean) {
  const hidden = new Set(
    Object.entries(stack.template.parameters ?? {})
      .filter(([, p]) => p.hidden)
      .map(([n]) => n),
  )
  const parameters: Record<string, string> = {
    'OS::stack_id': stack.id,
    'OS::project_id': stack.projectId,
    'OS::stack_name': stack.name,
  }
  for (const [k, v] of Object.entries(stack.parameters)) parameters[k] = hidden.has(k) ? '******' : shown(v)
  return {
    ...stackSummary(h, serviceUrl, stack),
    tags: stack.tags ?? [],
    parameters,
    template_description: stack.template.description ?? 'No description',
    capabilities: [],
    notification_topics: [],
    disable_rollback: stack.disableRollback,
    timeout_mins: stack.timeoutMins,
    ...(resolveOutputs ? { outputs: outputsOf(h, stack) } : {}),
  }
}

/** Names of resources in the same stack that depend on `resource`. */
function requiredBy(stack: StackRecord, resource: ResourceRecord): string[] {
  return [...stack.resources.values()]
    .filter((r) => {
      const d = r.definition.depends_on
      const explicit = d === undefined ? [] : Array.isArray(d) ? d : [d]
      return (
        explicit.includes(resource.name) ||
        JSON.stringify(r.definition.properties ?? {}).includes(`"${resource.name}"`)
      )
    })
    .map((r) => r.name)
    .filter((n) => n !== resource.name)
}

/** A resource as `GET …/resources` lists it. */
export function resourceView(
  h: HeatRuntime,
  serviceUrl: string,
  stack: StackRecord,
  r: ResourceRecord,
  parentResource?: string,
) {
  const nested = r.nestedStackId ? h.state.orchestration.stacks.get(r.nestedStackId) : undefined
  const href = stackHref(serviceUrl, stack)
  return {
    resource_name: r.name,
    logical_resource_id: r.name,
    physical_resource_id: r.physicalId,
    resource_type: r.type,
    resource_status: `${r.action}_${r.status}`,
    resource_status_reason: r.statusReason,
    creation_time: time(r.createdAt),
    updated_time: time(r.updatedAt ?? r.createdAt),
    required_by: requiredBy(stack, r),
    links: [
      { href: `${href}/resources/${encodeURIComponent(r.name)}`, rel: 'self' },
      { href, rel: 'stack' },
      ...(nested ? [{ href: stackHref(serviceUrl, nested), rel: 'nested' }] : []),
    ],
    ...(parentResource === undefined
      ? {}
      : {
          parent_resource: parentResource,
          stack_name: stack.name,
          stack_identity: { stack_name: stack.name, stack_id: stack.id },
        }),
  }
}

/** An event as `GET …/events` lists it. */
export function eventView(serviceUrl: string, stack: StackRecord, root: StackRecord, e: EventRecord) {
  const href = stackHref(serviceUrl, stack)
  const resourceHref = `${href}/resources/${encodeURIComponent(e.resourceName)}`
  return {
    id: e.id,
    event_time: isoSeconds(e.time),
    resource_name: e.resourceName,
    logical_resource_id: e.resourceName,
    physical_resource_id: e.physicalId,
    resource_status: e.status,
    resource_status_reason: e.reason,
    links: [
      { href: `${resourceHref}/events/${e.id}`, rel: 'self' },
      { href: resourceHref, rel: 'resource' },
      { href, rel: 'stack' },
      { href: stackHref(serviceUrl, root), rel: 'root_stack' },
    ],
  }
}
