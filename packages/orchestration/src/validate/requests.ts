import type { Session } from '@magnum-ts/auth'
import { type CallOptions, withSignal } from '../common/options.js'
import { templateFields } from '../stacks/body.js'
import type { TemplateSource } from '../stacks/types.js'
import type { ValidateResult } from './types.js'

export interface ValidateInput extends TemplateSource {
  /** Validate nested templates too (`show_nested=true`). */
  showNested?: boolean
  /** Error types (e.g. `ParameterValidationFailed`) to report as parameters instead of failing. */
  ignoreErrors?: string[]
}

/**
 * Asks Heat to validate a template with its files and environment (`POST /validate`).
 * An invalid template is a `BadRequestError` carrying Heat's message.
 */
export async function validateTemplate(
  session: Session,
  input: ValidateInput,
  options?: CallOptions,
): Promise<ValidateResult> {
  if (input.template === undefined && input.templateUrl === undefined) {
    throw new TypeError('validateTemplate: give `template` (a HOT object or YAML text) or `templateUrl`')
  }
  const query: Record<string, string | boolean> = {}
  if (input.showNested) query.show_nested = true
  if (input.ignoreErrors?.length) query.ignore_errors = input.ignoreErrors.join(',')
  const res = await session.request<ValidateResult>('orchestration', 'POST', '/validate', {
    body: templateFields(input),
    query,
    // Validation changes nothing, so a retry after a dropped connection is safe.
    idempotent: true,
    ...withSignal(options),
  })
  return res.body
}
