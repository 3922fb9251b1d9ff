import type { Session } from '../session/types.js'

export interface Project {
  id: string
  name: string
  domainId: string
  enabled: boolean
}

/** Reads a project by id. */
export async function getProject(session: Session, projectId: string): Promise<Project> {
  const { body } = await session.request<{
    project: { id: string; name: string; domain_id: string; enabled?: boolean }
  }>('identity', 'GET', `/projects/${encodeURIComponent(projectId)}`)
  const p = body.project
  return { id: p.id, name: p.name, domainId: p.domain_id, enabled: p.enabled ?? true }
}
