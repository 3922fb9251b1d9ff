// Sums vitest JSON reports into the closing line CI reads: "N passed, N failed".
// Failed tests are named first, so the tail of a red CI log says what broke.
import { readFileSync } from 'node:fs'

let passed = 0
let failed = 0
let skipped = 0
const failures = []
for (const file of process.argv.slice(2)) {
  const name = file.split('/').pop()
  let report
  try {
    report = JSON.parse(readFileSync(file, 'utf8'))
  } catch {
    console.log(`summary: no report in ${file} (that run did not finish)`)
    failed++
    continue
  }
  passed += report.numPassedTests ?? 0
  failed += report.numFailedTests ?? 0
  skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0)
  for (const suite of report.testResults ?? []) {
    for (const test of suite.assertionResults ?? []) {
      if (test.status !== 'failed') continue
      const reason = (test.failureMessages?.[0] ?? '').split('\n')[0].slice(0, 300)
      failures.push(
        `${name}: ${suite.name.replace(`${process.cwd()}/`, '')} > ${test.fullName}\n    ${reason}`,
      )
    }
  }
  console.log(`summary: ${name}: ${report.numPassedTests} passed, ${report.numFailedTests} failed`)
}
if (failures.length > 0) console.log(`failed tests:\n  ${failures.join('\n  ')}`)
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`)
process.exit(failed > 0 ? 1 : 0)
