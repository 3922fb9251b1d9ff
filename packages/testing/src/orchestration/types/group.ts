import type { HotResource } from '@magnum-ts/orchestration'
import { ResourceFailure } from '../errors.js'
import { walkPath } from '../functions.js'
import type { ResourceRecord, StackRecord } from '../state.js'
import { raiseNestedFailure } from './nested.js'
import type { ResourceType, TypeContext } from './registry.js'
import { type RollingPolicy, rollingBatches, rollingPolicy } from './rolling-update.js'

const byIndex = (a: string, b: string) => Number(a) - Number(b) || a.localeCompare(b)

function replaceIndex(value: unknown, indexVar: string, index: string): unknown {
  if (typeof value === 'string') return value.split(indexVar).join(index)
  if (Array.isArray(value)) return value.map((v) => replaceIndex(v, indexVar, index))
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceIndex(v, indexVar, index)]))
  return value
}

/** Member `name`'s definition: `resource_def` with the index variable replaced by its name. */
function memberDefinition(p: Record<string, unknown>, name: string): HotResource {
  const def = (p.resource_def ?? {}) as HotResource
  if (typeof def.type !== 'string')
    throw new ResourceFailure('StackValidationFailed', 'resource_def needs a "type"')
  const indexVar = typeof p.index_var === 'string' ? p.index_var : '%index%'
  return {
    type: def.type,
    ...(def.properties
      ? { properties: replaceIndex(def.properties, indexVar, name) as Record<string, unknown> }
      : {}),
    ...(def.metadata ? { metadata: replaceIndex(def.metadata, indexVar, name) } : {}),
  }
}

function memberTemplate(ctx: TypeContext, p: Record<string, unknown>, names: string[]) {
  const resources: Record<string, HotResource> = {}
  for (const name of names) resources[name] = memberDefinition(p, name)
  return { heat_template_version: ctx.stack.template.heat_template_version, resources }
}

/** A rolling replacement under way: the members of each batch, and when the next one starts. */
interface RollingPlan {
  batches: string[][]
  next: number
  /** When the next batch may start; undefined while the last one is still running. */
  dueAt: number | undefined
  pauseMs: number
}

/**
 * Starts a rolling replacement (`update_policy.rolling_update`): batches of `max_batch_size`
 * members get the new `resource_def`, highest index first, keeping `min_in_service` members
 * untouched, with `pause_time` seconds between batches. The resize to `count` comes after.
 */
function startRolling(
  ctx: TypeContext,
  p: Record<string, unknown>,
  child: StackRecord,
  policy: RollingPolicy,
) {
  const blacklist = recordBlacklist(ctx, p, child)
  const current = [...child.resources.keys()].filter((n) => !blacklist.has(n))
  const count = p.count === undefined ? 1 : Number(p.count)
  const target = Math.min(current.length, count)
  const namesFor = (size: number) => {
    const names: string[] = []
    for (let i = 0; names.length < size; i++) if (!blacklist.has(String(i))) names.push(String(i))
    return names
  }
  const plan: RollingPlan = {
    batches: rollingBatches(target, current.length, policy, namesFor),
    next: 0,
    dueAt: ctx.now,
    pauseMs: policy.pauseMs,
  }
  ctx.resource.data.rolling = plan
  advanceRolling(ctx, p, child)
}

function blacklisted(ctx: TypeContext): string[] {
  return (ctx.resource.data.removed as string[] | undefined) ?? []
}

/**
 * Runs the batches whose time has come (each one a nested-stack update, so every member it
 * replaces gets its UPDATE events), then the final resize. A pause starts once its batch has
 * finished. Returns when to look again, or true once done.
 */
function advanceRolling(ctx: TypeContext, p: Record<string, unknown>, child: StackRecord): number | true {
  const plan = ctx.resource.data.rolling as RollingPlan | undefined
  if (!plan) return true
  const blacklist = new Set(blacklisted(ctx))
  for (;;) {
    const busy = ctx.nested.settle(child.id)
    raiseNestedFailure(child)
    if (busy !== true) return busy
    if (plan.dueAt === undefined) plan.dueAt = ctx.now + (plan.next < plan.batches.length ? plan.pauseMs : 0)
    if (plan.next >= plan.batches.length) break
    if (ctx.now < plan.dueAt) return plan.dueAt
    const updated = plan.batches[plan.next] ?? []
    const resources: Record<string, HotResource> = {}
    for (const [name, member] of child.resources)
      if (!blacklist.has(name)) resources[name] = member.definition
    for (const name of updated) resources[name] = memberDefinition(p, name)
    const template = { heat_template_version: ctx.stack.template.heat_template_version, resources }
    raiseNestedFailure(ctx.nested.update(child.id, template, {}))
    plan.next++
    plan.dueAt = undefined
  }
  ctx.resource.data.rolling = undefined
  resize(ctx, p, child)
  return ctx.nested.settle(child.id)
}

function resize(ctx: TypeContext, p: Record<string, unknown>, child: StackRecord) {
  const before = [...child.resources.keys()]
  const names = memberNames(ctx, p, child)
  ctx.resource.data.removedNow = before.filter((n) => !names.includes(n))
  raiseNestedFailure(ctx.nested.update(child.id, memberTemplate(ctx, p, names), {}))
}

/**
 * The member names after a resize: those named in `removal_policies` go first (and their
 * names are never reused), then the highest indexes; new members take the lowest free index.
 */
function memberNames(ctx: TypeContext, p: Record<string, unknown>, child: StackRecord | undefined): string[] {
  const count = p.count === undefined ? 1 : Number(p.count)
  if (!Number.isInteger(count) || count < 0)
    throw new ResourceFailure(
      'StackValidationFailed',
      `Property error: count: ${String(p.count)} is not a valid count`,
    )
  const blacklist = recordBlacklist(ctx, p, child)
  const current = child ? [...child.resources.keys()].sort(byIndex) : []
  let kept = current.filter((n) => !blacklist.has(n))
  if (kept.length > count) kept = kept.slice(0, count)
  for (let i = 0; kept.length < count; i++) {
    const name = String(i)
    if (!kept.includes(name) && !blacklist.has(name)) kept.push(name)
  }
  return kept.sort(byIndex)
}

/** Adds the members `removal_policies` names to the group's blacklist (kept across updates). */
function recordBlacklist(
  ctx: TypeContext,
  p: Record<string, unknown>,
  child: StackRecord | undefined,
): Set<string> {
  const blacklist = new Set(blacklisted(ctx))
  const current = child ? [...child.resources.keys()].sort(byIndex) : []
  const policies = Array.isArray(p.removal_policies)
    ? (p.removal_policies as { resource_list?: unknown }[])
    : []
  for (const policy of policies) {
    for (const entry of Array.isArray(policy.resource_list) ? policy.resource_list.map(String) : []) {
      // An entry is a member name or a member's reference (what `refs` lists), as in Heat.
      const name =
        current.find((n) => n === entry || memberRef(ctx, child?.resources.get(n)) === entry) ?? entry
      blacklist.add(name)
    }
  }
  ctx.resource.data.removed = [...blacklist]
  return blacklist
}

/**
 * A member's reference, as Heat gives it: for a member that is a nested template, that
 * template's `OS::stack_id` output when it defines one (Magnum's node templates point it at the
 * server, so removal lists can name servers), else the member's physical id.
 */
function memberRef(ctx: TypeContext, member: ResourceRecord | undefined): string | null {
  if (!member) return null
  if (member.nestedStackId) {
    const ref = ctx.nested.output(member.nestedStackId, 'OS::stack_id')
    if (typeof ref === 'string' && ref) return ref
  }
  return member.physicalId ?? null
}

function childOf(ctx: TypeContext) {
  return ctx.resource.nestedStackId ? ctx.nested.get(ctx.resource.nestedStackId) : undefined
}

/** `OS::Heat::ResourceGroup`: `count` copies of `resource_def` in a nested stack. */
export const heatResourceGroup: ResourceType = {
  create(ctx, p) {
    const child = ctx.nested.create(memberTemplate(ctx, p, memberNames(ctx, p, undefined)), {})
    ctx.resource.physicalId = child.id
    ctx.resource.nestedStackId = child.id
    raiseNestedFailure(child)
  },
  update(ctx, p, previous) {
    const child = childOf(ctx)
    if (!child) throw new ResourceFailure('NotFound', `The nested stack of ${ctx.resource.name} is gone`)
    let policy: RollingPolicy | undefined
    try {
      policy = rollingPolicy(ctx.updatePolicy())
    } catch (error) {
      throw new ResourceFailure('StackValidationFailed', (error as Error).message)
    }
    // Heat rolls only a change of the members' definition; a plain resize is one nested update.
    if (policy && JSON.stringify(previous.resource_def) !== JSON.stringify(p.resource_def)) {
      startRolling(ctx, p, child, policy)
      return
    }
    resize(ctx, p, child)
  },
  ready(ctx) {
    const child = childOf(ctx)
    if (!child) return true
    // Members that own stacks may still be busy (a rolling group further down).
    const members = ctx.nested.settle(child.id)
    raiseNestedFailure(child)
    if (members !== true) return members
    if (!ctx.resource.data.rolling) return true
    return advanceRolling(ctx, ctx.resource.properties, child)
  },
  delete(ctx) {
    if (ctx.resource.nestedStackId) ctx.nested.delete(ctx.resource.nestedStackId)
  },
  attributePath(ctx, name, path) {
    const child = childOf(ctx)
    if (!child) return null
    const names = [...child.resources.keys()].sort(byIndex)
    const attr = (member: string, attribute: string, rest: unknown[]) =>
      ctx.nested.attribute(child.id, member, attribute, rest)
    if (name === 'refs')
      return walkPath(
        names.map((n) => memberRef(ctx, child.resources.get(n))),
        path,
      )
    if (name === 'refs_map')
      return walkPath(Object.fromEntries(names.map((n) => [n, memberRef(ctx, child.resources.get(n))])), path)
    if (name === 'removed_rsrc_list') return ctx.resource.data.removed ?? []
    if (name === 'attributes') {
      const [attribute, ...rest] = path
      return Object.fromEntries(names.map((n) => [n, attr(n, String(attribute), rest)]))
    }
    if (name.startsWith('resource.')) {
      const [member, ...dotted] = name.slice('resource.'.length).split('.')
      const segments = [...dotted, ...path]
      const [attribute, ...rest] = segments
      if (member === undefined || !child.resources.has(member)) return null
      if (attribute === undefined) return child.resources.get(member)?.physicalId ?? null
      return attr(member, String(attribute), rest)
    }
    return names.map((n) => attr(n, name, path))
  },
}
