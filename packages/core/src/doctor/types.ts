import type { EndpointInterface } from '@magnum-ts/auth'
import type {
  ResolvedResources,
  ResourceCluster,
  ResourceNeeds,
  ResourceTemplate,
} from '../resources/types.js'

/** One thing the doctor looked at, and what it found. */
export interface DoctorFinding {
  level: 'error' | 'warning' | 'ok'
  /** A stable name: `catalog:compute`, `interface:network`, `endpoint-host:identity`, `roles`, `resource:image_id`, … */
  check: string
  message: string
  /** What to do about it (empty when the level is `ok`). */
  fix: string
}

export interface DoctorOptions {
  /** A template to run the resource checks on (the same as `validateOpenStackResources`). */
  template?: ResourceTemplate | undefined
  cluster?: ResourceCluster | undefined
  needs?: ResourceNeeds | undefined
  /** The endpoint interface to check. Default: the session's (`public` unless configured). */
  interface?: EndpointInterface | undefined
  signal?: AbortSignal | undefined
}

/** Every finding at once; `ok` is false when any of them is an error. */
export interface DoctorReport {
  ok: boolean
  findings: DoctorFinding[]
  errors: DoctorFinding[]
  warnings: DoctorFinding[]
  /** What the resource checks resolved, when a template was given and they ran. */
  resolved?: ResolvedResources
}
