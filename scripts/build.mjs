// Builds every publishable package in dependency order. The order comes from `dependencies`
// and `peerDependencies` only: test-only devDependencies (e.g. orchestration's tests use
// @magnum-ts/testing, which itself depends on orchestration) would make a cycle that leaves
// pnpm's own order undefined, and a package's .d.ts build needs its dependencies' .d.ts first.
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const packages = ['packages', 'drivers'].flatMap((group) =>
  readdirSync(group).map((dir) => {
    const manifest = JSON.parse(readFileSync(join(group, dir, 'package.json'), 'utf8'))
    return { dir: join(group, dir), name: manifest.name, manifest }
  }),
)
const names = new Set(packages.map((p) => p.name))
const runtimeDeps = (p) =>
  Object.keys({ ...p.manifest.dependencies, ...p.manifest.peerDependencies }).filter((d) => names.has(d))

const built = new Set()
const order = []
while (order.length < packages.length) {
  const ready = packages.filter((p) => !built.has(p.name) && runtimeDeps(p).every((d) => built.has(d)))
  if (ready.length === 0) {
    const stuck = packages.filter((p) => !built.has(p.name)).map((p) => p.name)
    throw new Error(`dependency cycle among ${stuck.join(', ')}`)
  }
  for (const p of ready) {
    built.add(p.name)
    order.push(p)
  }
}
for (const p of order) {
  console.log(`build ${p.name}`)
  execFileSync('pnpm', ['run', '--silent', 'build'], { cwd: p.dir, stdio: ['ignore', 'ignore', 'inherit'] })
}
