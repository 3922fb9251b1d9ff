// `pnpm bench`: runs every bench/<name>/run.mjs (after `pnpm build`) one after another.
// Each prints ratios measured in the same run (ours vs. a reference), never a lone time.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'

const only = process.argv.slice(2)
const here = new URL('.', import.meta.url).pathname
let failed = 0
for (const name of readdirSync(here).sort()) {
  const script = join(here, name, 'run.mjs')
  if (!existsSync(script) || (only.length && !only.includes(name))) continue
  console.log(`\n## bench/${name}`)
  const result = spawnSync(process.execPath, [script], { stdio: 'inherit' })
  if (result.status !== 0) failed++
}
process.exit(failed ? 1 : 0)
