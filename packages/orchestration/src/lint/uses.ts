import { join } from './path.js'
import { isMapping } from './walk.js'

/**
 * A place where a template names a resource type: each resource, and the member definition
 * of a group (`OS::Heat::ResourceGroup` resource_def, `OS::Heat::AutoScalingGroup` resource),
 * which is where Magnum's templates name their nested node templates.
 */
export interface ResourceUse {
  /** The resource's name in the template (a group's name for its members). */
  name: string
  type: string
  typePath: string
  properties: unknown
  propertiesPath: string
}

const MEMBER_KEY: Record<string, string> = {
  'OS::Heat::ResourceGroup': 'resource_def',
  'OS::Heat::AutoScalingGroup': 'resource',
}

/** Every resource type named in the template, with the properties passed to it. */
export function resourceUses(t: Record<string, unknown>, prefix: string): ResourceUse[] {
  const uses: ResourceUse[] = []
  if (!isMapping(t.resources)) return uses
  for (const [name, def] of Object.entries(t.resources)) {
    if (!isMapping(def) || typeof def.type !== 'string') continue
    const path = join(join(prefix, 'resources'), name)
    uses.push({
      name,
      type: def.type,
      typePath: join(path, 'type'),
      properties: def.properties,
      propertiesPath: join(path, 'properties'),
    })
    const memberKey = MEMBER_KEY[def.type]
    const member = memberKey && isMapping(def.properties) ? def.properties[memberKey] : undefined
    if (memberKey && isMapping(member) && typeof member.type === 'string') {
      const memberPath = join(join(path, 'properties'), memberKey)
      uses.push({
        name,
        type: member.type,
        typePath: join(memberPath, 'type'),
        properties: member.properties,
        propertiesPath: join(memberPath, 'properties'),
      })
    }
  }
  return uses
}
