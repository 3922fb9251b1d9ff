import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { stringify } from 'yaml'

/** A real temporary directory tree for one test, with a cwd and a home inside it. */
export interface TempTree {
  root: string
  cwd: string
  home: string
  /** Writes `content` (objects become YAML, or JSON for .json) at a path under root. */
  write(relative: string, content: unknown): Promise<string>
  remove(): Promise<void>
}

/** Creates a fresh tree under os.tmpdir(); call `remove()` in afterEach. */
export async function makeTree(): Promise<TempTree> {
  const root = await mkdtemp(join(tmpdir(), 'magnum-ts-config-'))
  const cwd = join(root, 'work')
  const home = join(root, 'home')
  await mkdir(cwd, { recursive: true })
  await mkdir(home, { recursive: true })
  return {
    root,
    cwd,
    home,
    async write(relative, content) {
      const path = join(root, relative)
      await mkdir(dirname(path), { recursive: true })
      const text =
        typeof content === 'string'
          ? content
          : path.endsWith('.json')
            ? JSON.stringify(content, null, 2)
            : stringify(content)
      await writeFile(path, text)
      return path
    },
    remove: () => rm(root, { recursive: true, force: true }),
  }
}

/** A complete password cloud entry for clouds.yaml. */
export function passwordCloud(overrides: Record<string, unknown> = {}, auth: Record<string, unknown> = {}) {
  return {
    auth: {
      auth_url: 'https://keystone.example.com:5000/v3',
      username: 'demo',
      password: 'hunter2-secret',
      project_name: 'demo',
      user_domain_name: 'Default',
      project_domain_name: 'Default',
      ...auth,
    },
    ...overrides,
  }
}
