import type { Session } from '@magnum-ts/auth'
import { type CallOptions, withSignal } from '../common/options.js'
import { resolveStack, type StackRef, stackPath } from '../common/stack-ref.js'
import type { StackOutput } from '../stacks/types.js'

const SERVICE = 'orchestration'

/** The outputs a stack declares: keys and descriptions, values not resolved (`GET …/outputs`). */
export async function listOutputs(
  session: Session,
  stack: StackRef,
  options?: CallOptions,
): Promise<StackOutput[]> {
  // Heat does not redirect /stacks/{name}/outputs, so the identity is needed in full.
  const identity = await resolveStack(session, stack, options?.signal)
  const res = await session.request<{ outputs: StackOutput[] }>(
    SERVICE,
    'GET',
    `${stackPath(identity)}/outputs`,
    {
      ...withSignal(options),
    },
  )
  return res.body.outputs
}

/** One output with its value resolved, or `output_error` when Heat could not (`GET …/outputs/{key}`). */
export async function getOutput(
  session: Session,
  stack: StackRef,
  key: string,
  options?: CallOptions,
): Promise<StackOutput> {
  const identity = await resolveStack(session, stack, options?.signal)
  const res = await session.request<{ output: StackOutput }>(
    SERVICE,
    'GET',
    `${stackPath(identity)}/outputs/${encodeURIComponent(key)}`,
    { ...withSignal(options) },
  )
  return res.body.output
}

/** The outputs of a stack body as a `{ key: value }` record (outputs with an error are left out). */
export function outputValues(outputs: readonly StackOutput[] | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const o of outputs ?? []) if (o.output_error === undefined) out[o.output_key] = o.output_value
  return out
}
