import type { Command } from './command.js'

/** `magnum-ts token issue`: authenticates and shows the token, like `openstack token issue`. */
export const tokenIssue: Command = {
  path: ['token', 'issue'],
  summary: 'Authenticate and show the token, its expiry, user and project',
  options: {},
  async run({ session, print }) {
    const s = await session()
    const ctx = await s.context()
    print.one({
      expires: ctx.expiresAt.toISOString(),
      id: await s.token(),
      project_id: ctx.projectId ?? '',
      user_id: ctx.userId,
    })
    return 0
  },
}
