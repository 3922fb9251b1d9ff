import type { HotTemplate } from '@magnum-ts/orchestration'
import { ApiError } from '../../server/api-error.js'
import type { CloudState } from '../../state.js'
import { ResourceFailure } from '../errors.js'
import type { ResourceRecord, StackRecord } from '../state.js'

/** Stacks a resource owns (ResourceGroup members, template resources), run to the end at once. */
export interface NestedControl {
  create(template: HotTemplate, parameters: Record<string, unknown>): StackRecord
  update(stackId: string, template: HotTemplate, parameters: Record<string, unknown>): StackRecord
  delete(stackId: string): void
  /**
   * Runs a nested stack's pending steps up to now (a rolling update pausing inside it): true
   * once it has nothing left to do, else when its next step is due.
   */
  settle(stackId: string): true | number
  get(stackId: string): StackRecord | undefined
  output(stackId: string, key: string): unknown
  attribute(stackId: string, resource: string, attribute: string, path: unknown[]): unknown
}

/** What a resource type works with while it acts on one resource. */
export interface TypeContext {
  state: CloudState
  now: number
  stack: StackRecord
  resource: ResourceRecord
  /** Caller fields the services' ops stamp on what they create. */
  stamp: { now: number; projectId: string; userId: string; readyAt: number }
  /** `<stack>-<resource>-<random>`: the name Heat gives what it creates when none is set. */
  physicalName(): string
  nested: NestedControl
  /** Wait conditions complete by themselves (`auto`) or wait for a signal (`manual`). */
  waitConditions: 'auto' | 'manual'
  /** The resource's `update_policy`, intrinsic functions resolved. */
  updatePolicy(): Record<string, unknown>
}

/** A fake resource type: creates real objects in the fake services' state through their ops. */
export interface ResourceType {
  create(ctx: TypeContext, props: Record<string, unknown>): void
  /** Changes the resource in place; absent, a change of properties replaces the resource. */
  update?(ctx: TypeContext, props: Record<string, unknown>, previous: Record<string, unknown>): void
  /** Property names whose change can be applied in place (others replace). Default: all, when `update` exists. */
  updatable?: string[]
  delete?(ctx: TypeContext): void
  /** A live attribute (undefined: fall back to what `create` stored). */
  attribute?(ctx: TypeContext, name: string): unknown
  /** For types whose attributes take the rest of the path themselves (groups, nested stacks). */
  attributePath?(ctx: TypeContext, name: string, path: unknown[]): unknown
  /**
   * Checked when the step is due: true when done, a string to fail with, false to look again in
   * a second, or the time (ms since the epoch) to look again.
   */
  ready?(ctx: TypeContext): boolean | string | number
}

/** Runs a service op, turning the service's ApiError into a resource failure Heat would report. */
export function viaService<T>(service: string, action: () => T): T {
  try {
    return action()
  } catch (error) {
    if (error instanceof ApiError) {
      const kind = error.status === 404 ? 'NotFound' : error.status === 409 ? 'Conflict' : 'BadRequest'
      throw new ResourceFailure(
        kind,
        `${error.message}${service ? ` (${service} HTTP ${error.status})` : ''}`,
      )
    }
    throw error
  }
}

/** Deletes through an op, ignoring "already gone" (Heat treats a missing object as deleted). */
export function ignoreGone(action: () => void) {
  try {
    action()
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return
    throw error
  }
}

/** Finds an object by id or unique name, or fails the resource as Heat's client plugins do. */
export function findNamed<T extends { id: string; name?: string | null }>(
  items: Iterable<T>,
  value: unknown,
  kind: string,
): T {
  const all = [...items]
  const text = String(value ?? '')
  const byId = all.find((x) => x.id === text)
  if (byId) return byId
  const byName = all.filter((x) => x.name === text)
  if (byName.length === 1) return byName[0] as T
  if (byName.length > 1)
    throw new ResourceFailure(
      'PhysicalResourceNameAmbiguity',
      `Multiple physical resources were found with name (${text}).`,
    )
  throw new ResourceFailure('NotFound', `Unable to find ${kind} with name or id '${text}'`)
}

/** Optional fields only when set (exactOptionalPropertyTypes forbids passing undefined). */
export function defined<T extends Record<string, unknown>>(
  record: T,
): { [K in keyof T]?: Exclude<T[K], undefined | null> } {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(record)) if (v !== undefined && v !== null) out[k] = v
  return out as { [K in keyof T]?: Exclude<T[K], undefined | null> }
}

export const str = (v: unknown): string | undefined =>
  v === undefined || v === null || v === '' ? undefined : String(v)
export const num = (v: unknown): number | undefined =>
  v === undefined || v === null || v === '' ? undefined : Number(v)
export const bool = (v: unknown): boolean | undefined =>
  v === undefined || v === null ? undefined : v === true || String(v).toLowerCase() === 'true'
