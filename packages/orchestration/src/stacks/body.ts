import { dumpTemplate } from '../hot/yaml.js'
import type { StackInput, TemplateSource } from './types.js'

/** The wire fields shared by create, update, preview and validate (snake_case, as Heat reads them). */
export function templateFields(input: TemplateSource): Record<string, unknown> {
  const body: Record<string, unknown> = {}
  if (input.template !== undefined) body.template = input.template
  if (input.templateUrl !== undefined) body.template_url = input.templateUrl
  if (input.files !== undefined) {
    // Heat wants every file as text; a HOT object is serialised the way Heat will read it.
    body.files = Object.fromEntries(
      Object.entries(input.files).map(([k, v]) => [k, typeof v === 'string' ? v : dumpTemplate(v)]),
    )
  }
  if (input.environment !== undefined) body.environment = input.environment
  if (input.environmentFiles !== undefined) body.environment_files = input.environmentFiles
  return body
}

/** Create/update body: template fields plus parameters, timeout, rollback and tags. */
export function stackFields(input: StackInput): Record<string, unknown> {
  const body = templateFields(input)
  if (input.parameters !== undefined) body.parameters = input.parameters
  if (input.timeoutMins !== undefined) body.timeout_mins = input.timeoutMins
  if (input.disableRollback !== undefined) body.disable_rollback = input.disableRollback
  // Heat takes tags as one comma-separated string and splits it itself.
  if (input.tags !== undefined) body.tags = input.tags.join(',')
  return body
}
