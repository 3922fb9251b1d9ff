import type { HotEnvironment, HotResource, HotTemplate } from '@magnum-ts/orchestration'

export type StackAction = 'CREATE' | 'UPDATE' | 'DELETE' | 'ROLLBACK' | 'CHECK'
export type StackStateName = 'IN_PROGRESS' | 'COMPLETE' | 'FAILED'

/** One resource of a stack as the fake Heat tracks it. */
export interface ResourceRecord {
  name: string
  /** The type the template names (`OS::Nova::Server`, `nested.yaml`). */
  type: string
  /** What the type maps to after the environment's resource_registry. */
  implementation: string
  definition: HotResource
  /** Properties as evaluated when the resource was last created or updated. */
  properties: Record<string, unknown>
  physicalId: string
  action: StackAction | 'INIT'
  status: StackStateName
  statusReason: string
  createdAt: number | null
  updatedAt: number | null
  /** Attributes the type set when it acted (live ones are computed on read). */
  attributes: Record<string, unknown>
  /** The stack a nested resource (template resource, ResourceGroup) owns. */
  nestedStackId?: string
  /** Type-private bookkeeping (ids of what it created, for delete). */
  data: Record<string, unknown>
  /** Signals received (wait condition handles, deployments). */
  signals: unknown[]
}

/** One status change, as `GET …/events` lists it. */
export interface EventRecord {
  id: string
  stackId: string
  time: number
  resourceName: string
  physicalId: string
  status: string
  reason: string
  type: string
  /** Insertion order, to sort events of the same instant. */
  seq: number
}

/** A step of a running operation: act on one resource once its time has come. */
export interface Step {
  resource: string
  kind: 'create' | 'update' | 'delete'
  due: number
  /** When the step starts (its IN_PROGRESS event and the real work). */
  started: number
  begun: boolean
}

/** A create, update or delete under way. */
export interface Operation {
  action: 'CREATE' | 'UPDATE' | 'DELETE'
  steps: Step[]
  /** Timestamp to use for the stack's final event when no step remains. */
  endsAt: number
  /** When the stack's `timeout_mins` runs out for this operation (CREATE and UPDATE only). */
  deadline?: number
}

/** A stack as the fake Heat holds it. */
export interface StackRecord {
  id: string
  name: string
  projectId: string
  userId: string
  userName: string
  parentId: string | null
  parentResource: string | null
  template: HotTemplate
  files: Record<string, string>
  environment: HotEnvironment
  /** Parameters as the user gave them (environment + request), kept for PATCH. */
  givenParameters: Record<string, unknown>
  /** Every parameter's value after defaults and types. */
  parameters: Record<string, unknown>
  tags: string[] | null
  timeoutMins: number | null
  disableRollback: boolean
  action: StackAction
  status: StackStateName
  statusReason: string
  createdAt: number
  updatedAt: number | null
  deletedAt: number | null
  resources: Map<string, ResourceRecord>
  events: EventRecord[]
  operation: Operation | undefined
  /** Milliseconds each resource takes (0 for nested stacks, which run inside their parent's step). */
  stepMs: number
  /** Why the last operation failed, for the parent of a nested stack. */
  failure: { kind: string; path: string[]; message: string } | undefined
}

/** The fake Heat's state: every stack (nested ones too), deleted ones kept for lookups by id. */
export interface OrchestrationState {
  stacks: Map<string, StackRecord>
}

/** No stacks. */
export function emptyOrchestrationState(): OrchestrationState {
  return { stacks: new Map() }
}
