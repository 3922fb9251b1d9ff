import { readTemplate } from '../engine.js'
import { ResourceFailure } from '../errors.js'
import { walkPath } from '../functions.js'
import type { StackRecord } from '../state.js'
import type { ResourceType, TypeContext } from './registry.js'

/** The `files` key holding a template type (`nested.yaml` or a URL ending in `/nested.yaml`). */
export function templateFileFor(files: Record<string, string>, type: string): string | undefined {
  if (type in files) return type
  return Object.keys(files).find((k) => k.endsWith(`/${type}`))
}

/** Fails the parent resource with the nested stack's own failure, its path prefixed. */
export function raiseNestedFailure(child: StackRecord) {
  if (child.status !== 'FAILED') return
  const f = child.failure
  throw new ResourceFailure(f?.kind ?? 'Error', f?.message ?? child.statusReason, f?.path ?? [])
}

function childOf(ctx: TypeContext) {
  return ctx.resource.nestedStackId ? ctx.nested.get(ctx.resource.nestedStackId) : undefined
}

/** A template file used as a type: a nested stack whose parameters are the properties. */
export function templateResource(file: string): ResourceType {
  return {
    create(ctx, props) {
      const child = ctx.nested.create(readTemplate(ctx.stack.files[file], file), props)
      ctx.resource.physicalId = child.id
      ctx.resource.nestedStackId = child.id
      raiseNestedFailure(child)
    },
    update(ctx, props) {
      const child = childOf(ctx)
      if (!child) throw new ResourceFailure('NotFound', `The nested stack of ${ctx.resource.name} is gone`)
      raiseNestedFailure(ctx.nested.update(child.id, readTemplate(ctx.stack.files[file], file), props))
    },
    delete(ctx) {
      if (ctx.resource.nestedStackId) ctx.nested.delete(ctx.resource.nestedStackId)
    },
    // Done when the nested stack is (it may still be pausing between rolling-update batches).
    ready(ctx) {
      const child = childOf(ctx)
      if (!child) return true
      const next = ctx.nested.settle(child.id)
      raiseNestedFailure(child)
      return next
    },
    attributePath(ctx, name, path) {
      const child = childOf(ctx)
      if (!child) return null
      if (name === 'OS::stack_id') return child.id
      return walkPath(ctx.nested.output(child.id, name), path)
    },
  }
}
