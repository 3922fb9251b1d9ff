// Writes @magnum-ts/auth's package.json version into src/version.ts (User-Agent), after
// `changeset version` bumps it. A unit test fails if the two ever disagree.
import { readFileSync, writeFileSync } from 'node:fs'

const { version } = JSON.parse(readFileSync('packages/auth/package.json', 'utf8'))
const file = 'packages/auth/src/version.ts'
const text = readFileSync(file, 'utf8').replace(/VERSION = '[^']*'/, `VERSION = '${version}'`)
writeFileSync(file, text)
