import type { HotParameter } from '@magnum-ts/orchestration'
import { json, type Reply } from '../server/reply.js'
import type { RouteContext } from '../server/service.js'
import { checkTypes, type HeatRuntime } from './engine.js'
import { bodyOf, templateOf } from './request.js'

const TYPES: Record<string, string> = {
  string: 'String',
  number: 'Number',
  json: 'Json',
  comma_delimited_list: 'CommaDelimitedList',
  boolean: 'Boolean',
}

function describe(p: HotParameter) {
  const out: Record<string, unknown> = {
    Type: TYPES[p.type] ?? p.type,
    Description: p.description ?? '',
    Label: p.label ?? '',
    NoEcho: p.hidden ? 'true' : 'false',
  }
  if (p.default !== undefined) out.Default = p.default
  for (const c of p.constraints ?? []) {
    if ('range' in c)
      Object.assign(
        out,
        c.range.min === undefined ? {} : { MinValue: c.range.min },
        c.range.max === undefined ? {} : { MaxValue: c.range.max },
      )
    if ('length' in c)
      Object.assign(
        out,
        c.length.min === undefined ? {} : { MinLength: c.length.min },
        c.length.max === undefined ? {} : { MaxLength: c.length.max },
      )
    if ('allowed_values' in c) out.AllowedValues = c.allowed_values
    if ('allowed_pattern' in c) out.AllowedPattern = c.allowed_pattern
    if ('custom_constraint' in c) out.CustomConstraint = c.custom_constraint
    if (c.description) out.ConstraintDescription = c.description
  }
  return out
}

/** `POST /validate`: the template's description and parameters, or Heat's 400. */
export function validateRoute(_h: HeatRuntime) {
  return (ctx: RouteContext): Reply => {
    const { template, files, environment } = templateOf(bodyOf(ctx))
    const defaults = (environment.parameter_defaults ?? {}) as Record<string, unknown>
    checkTypes(template, environment, files, { ...defaults })
    const parameters = Object.fromEntries(
      Object.entries(template.parameters ?? {}).map(([name, p]) => [
        name,
        { ...describe(p), ...(name in defaults ? { Value: defaults[name] } : {}) },
      ]),
    )
    return json(200, {
      Description: template.description ?? 'No description',
      Parameters: parameters,
      ...(template.parameter_groups ? { ParameterGroups: template.parameter_groups } : {}),
      Environment: {
        parameters: {},
        resource_registry: { resources: {} },
        parameter_defaults: {},
        ...environment,
      },
    })
  }
}
