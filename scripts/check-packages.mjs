// publint + @arethetypeswrong/cli over every publishable package (run after `pnpm build`).
import { execFileSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'

const dirs = ['packages', 'drivers'].flatMap((g) => readdirSync(g).map((d) => join(g, d)))
let failed = 0
for (const dir of dirs) {
  try {
    execFileSync('pnpm', ['run', '--silent', 'check:package'], { cwd: dir, stdio: 'pipe' })
    console.log(`ok   ${dir}`)
  } catch (error) {
    failed++
    console.log(`FAIL ${dir}\n${error.stdout ?? ''}${error.stderr ?? ''}`)
  }
}
if (failed) {
  console.log(`${failed} package(s) failed publint/attw`)
  process.exit(1)
}
