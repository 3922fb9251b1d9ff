import { ConfigError, type Session } from '@magnum-ts/auth'

/** Who is calling: every pipeline call runs in the context of the session's token. */
export interface RequestContext {
  userId: string
  userName: string | undefined
  projectId: string
  domainName: string | undefined
  roles: string[]
  isAdmin: boolean
}

/** The caller's identity from the session; the pipeline needs a project-scoped token. */
export async function requestContext(session: Session): Promise<RequestContext> {
  const ctx = await session.context()
  if (!ctx.projectId) {
    throw new ConfigError(
      'the pipeline needs a project-scoped token: set project_name (OS_PROJECT_NAME) or project_id',
      {
        key: 'auth.project_name',
      },
    )
  }
  return {
    userId: ctx.userId,
    userName: ctx.userName,
    projectId: ctx.projectId,
    domainName: undefined,
    roles: ctx.roles,
    isAdmin: ctx.isAdmin,
  }
}
