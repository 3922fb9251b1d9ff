#!/usr/bin/env node
import { main } from './cli.js'

// The process wrapper: the CLI itself is `main`, which tests call in-process.
process.exitCode = await main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
})
