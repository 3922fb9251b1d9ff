import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { defineConfig } from 'vitest/config'

// Tests import workspace packages from their sources, so `pnpm test` needs no build and a
// failure points at the .ts line. The "source" export condition says the same to tsc.
function workspaceAliases(): Record<string, string> {
  const aliases: Record<string, string> = {}
  for (const group of ['packages', 'drivers']) {
    for (const dir of readdirSync(resolve(group))) {
      const manifest = JSON.parse(readFileSync(join(group, dir, 'package.json'), 'utf8')) as { name: string }
      aliases[manifest.name] = resolve(group, dir, 'src/index.ts')
    }
  }
  return aliases
}

const alias = workspaceAliases()
const roots = ['packages/*', 'drivers/*', 'examples/*']

// CI asks for a machine-readable summary (MAGNUM_TS_RESULTS=<file>) to print its closing line.
const resultsFile = process.env.MAGNUM_TS_RESULTS

export default defineConfig({
  test: {
    reporters: resultsFile ? ['default', ['json', { outputFile: resultsFile }]] : ['default'],
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: roots.map((r) => `${r}/test/**/*.test.ts`),
          exclude: ['**/node_modules/**', '**/*.contract.test.ts', '**/*.integration.test.ts'],
          testTimeout: 20_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: roots.map((r) => `${r}/test/**/*.{contract,integration}.test.ts`),
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
})
