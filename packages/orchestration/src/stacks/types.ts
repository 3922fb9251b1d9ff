import type { Link } from '../common/links.js'
import type { HotEnvironment, HotTemplate } from '../hot/types.js'

export type StackAction =
  | 'INIT'
  | 'CREATE'
  | 'DELETE'
  | 'UPDATE'
  | 'ROLLBACK'
  | 'SUSPEND'
  | 'RESUME'
  | 'ADOPT'
  | 'SNAPSHOT'
  | 'CHECK'
  | 'RESTORE'
export type StackState = 'IN_PROGRESS' | 'COMPLETE' | 'FAILED'
/** `CREATE_COMPLETE`, `UPDATE_FAILED`, … */
export type StackStatus = `${StackAction}_${StackState}`

/** One output of a stack, as in `GET /stacks/{name}/{id}` and the outputs calls. */
export interface StackOutput {
  output_key: string
  description?: string
  output_value?: unknown
  /** Set instead of a value when Heat could not resolve the output. */
  output_error?: string
}

/** A stack as `GET /stacks` lists it. */
export interface StackSummary {
  id: string
  stack_name: string
  description: string
  stack_status: StackStatus
  stack_status_reason: string
  creation_time: string
  updated_time: string | null
  deletion_time: string | null
  stack_owner: string | null
  parent: string | null
  stack_user_project_id: string | null
  tags: string[] | null
  links: Link[]
  /** Only with `globalTenant`. */
  project?: string
}

/** A stack as `GET /stacks/{name}/{id}` returns it. */
export interface Stack extends StackSummary {
  parameters: Record<string, string>
  outputs?: StackOutput[]
  template_description: string
  capabilities: unknown[]
  notification_topics: unknown[]
  disable_rollback: boolean
  timeout_mins: number | null
}

/** What `createStack` returns: the new stack's id and self link (plus the name it was given). */
export interface CreatedStack {
  id: string
  name: string
  links: Link[]
}

/**
 * The template-carrying part of create, update, preview and validate. A template (and a
 * `files` entry) may be YAML text or a HOT object; objects are sent as JSON.
 */
export interface TemplateSource {
  template?: HotTemplate | string
  /** A URL Heat fetches the template from, instead of `template`. */
  templateUrl?: string
  /** Nested templates, `get_file` contents and environment files, by the name the template uses. */
  files?: Record<string, string | HotTemplate>
  environment?: HotEnvironment | string
  /** Keys of `files` holding environments, merged in order before `environment`. */
  environmentFiles?: string[]
}

export interface StackInput extends TemplateSource {
  parameters?: Record<string, unknown>
  timeoutMins?: number
  disableRollback?: boolean
  tags?: string[]
}

export interface CreateStackInput extends StackInput {
  name: string
}

export interface UpdateStackInput extends StackInput {
  /**
   * `true` sends PATCH (Heat's "update existing"): the template, parameters and environment
   * not given are kept from the current stack. `false` (default) sends PUT: a full update.
   */
  existing?: boolean
  /** With `existing`: parameters to reset to their defaults. */
  clearParameters?: string[]
  /** Check the real state of resources (convergence) before updating. */
  converge?: boolean
}

export interface ListStacksOptions {
  /** Only these stack ids. */
  ids?: string[]
  name?: string | string[]
  /** A full status (`CREATE_COMPLETE`) or its state part (`FAILED`). */
  status?: StackStatus | StackState | (StackStatus | StackState)[]
  action?: StackAction | StackAction[]
  /** Stacks carrying all of these tags (combined with the filters above, those run client-side). */
  tags?: string[]
  /** Stacks carrying any of these tags. */
  tagsAny?: string[]
  notTags?: string[]
  notTagsAny?: string[]
  /** Stacks of every project (needs the admin role). */
  globalTenant?: boolean
  /** Nested stacks too. */
  showNested?: boolean
  showDeleted?: boolean
  showHidden?: boolean
  /** Page size; Heat returns a next link while pages are full. */
  limit?: number
  /** Start after this stack id. */
  marker?: string
  sortKeys?: ('stack_name' | 'stack_status' | 'creation_time' | 'updated_time')[]
  sortDir?: 'asc' | 'desc'
  signal?: AbortSignal
}
