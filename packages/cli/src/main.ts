import { type ParseArgsConfig, parseArgs } from 'node:util'
import { VERSION } from '@magnum-ts/auth'
import type { Command, CommandInput } from './commands/command.js'
import { commands } from './commands/index.js'
import { type GlobalOptions, type Io, openSession } from './context.js'
import { exitCodeFor, UsageError } from './errors.js'
import { formatList, formatOne, OUTPUT_FORMATS, type OutputFormat } from './output/format.js'

const GLOBAL_OPTIONS = {
  'os-cloud': { type: 'string', description: 'Cloud name in clouds.yaml (default: OS_CLOUD)' },
  format: { type: 'string', short: 'f', description: 'Output format: table, json, yaml, value' },
  column: { type: 'string', short: 'c', multiple: true, description: 'Show only this column (repeatable)' },
  debug: { type: 'boolean', description: 'Print the redacted HTTP trace on stderr' },
  help: { type: 'boolean', short: 'h', description: 'Show help' },
  version: { type: 'boolean', description: 'Show the version' },
} as const

/** Runs one command line; returns the exit code. In-process and injectable for tests. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  try {
    return await dispatch(argv, io)
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    io.stderr(`magnum-ts: ${message}\n`)
    if (error instanceof UsageError) io.stderr(`Try 'magnum-ts --help'.\n`)
    return exitCodeFor(error)
  }
}

async function dispatch(argv: readonly string[], io: Io): Promise<number> {
  const words = argv.filter((a) => !a.startsWith('-'))
  const command = findCommand(words)
  if (!command) {
    if (argv.includes('--version')) {
      io.stdout(`magnum-ts ${VERSION}\n`)
      return 0
    }
    if (argv.length === 0 || argv.includes('--help') || argv.includes('-h') || words[0] === 'help') {
      io.stdout(helpText(words.filter((w) => w !== 'help')))
      return 0
    }
    throw new UsageError(`unknown command "${words.join(' ')}"`)
  }
  const rest = [...argv]
  for (const word of command.path) rest.splice(rest.indexOf(word), 1)
  const config: ParseArgsConfig = {
    args: rest,
    allowPositionals: true,
    strict: true,
    options: { ...stripDescriptions(GLOBAL_OPTIONS), ...stripDescriptions(command.options) },
  }
  let parsed: ReturnType<typeof parseArgs>
  try {
    parsed = parseArgs(config)
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
  const values = parsed.values as CommandInput['values']
  if (values.help) {
    io.stdout(commandHelp(command))
    return 0
  }
  const format = (values.format as string | undefined) ?? 'table'
  if (!OUTPUT_FORMATS.includes(format as OutputFormat)) {
    throw new UsageError(`--format must be one of ${OUTPUT_FORMATS.join(', ')} (got "${format}")`)
  }
  const global: GlobalOptions = {
    osCloud: (values['os-cloud'] as string | undefined) ?? io.env.OS_CLOUD,
    format: format as OutputFormat,
    columns: (values.column as string[] | undefined) ?? [],
    debug: Boolean(values.debug),
  }
  return command.run({
    io,
    global,
    values,
    positionals: parsed.positionals,
    session: () => openSession(io, global),
    print: {
      one: (o) => io.stdout(formatOne(o, global.format, global.columns)),
      list: (rows) => io.stdout(formatList(rows, global.format, global.columns)),
    },
  })
}

function findCommand(words: readonly string[]): Command | undefined {
  return [...commands]
    .sort((a, b) => b.path.length - a.path.length)
    .find((c) => c.path.every((p, i) => words[i] === p))
}

function stripDescriptions(
  options: Record<string, { type: string; short?: string; multiple?: boolean; default?: unknown }>,
) {
  return Object.fromEntries(
    Object.entries(options).map(([k, o]) => [
      k,
      {
        type: o.type,
        ...(o.short ? { short: o.short } : {}),
        ...(o.multiple ? { multiple: true } : {}),
        ...(o.default !== undefined ? { default: o.default } : {}),
      },
    ]),
  ) as ParseArgsConfig['options']
}

function describeOptions(
  options: Record<string, { description: string; short?: string; type: string }>,
): string {
  return Object.entries(options)
    .map(
      ([k, o]) =>
        // At least one space between a long flag and its description.
        `${`  ${o.short ? `-${o.short}, ` : '    '}--${k}${o.type === 'string' ? ' VALUE' : ''}`.padEnd(29)} ${o.description}`,
    )
    .join('\n')
}

/** Help generated from the command definitions, so it cannot drift from what is parsed. */
export function helpText(prefix: readonly string[] = []): string {
  const shown = commands.filter((c) => prefix.every((p, i) => c.path[i] === p))
  const lines = shown.map((c) => `  ${c.path.join(' ').padEnd(28)}${c.summary}`)
  return `Usage: magnum-ts <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nGlobal options:\n${describeOptions(GLOBAL_OPTIONS)}\n`
}

function commandHelp(command: Command): string {
  const own = Object.keys(command.options).length ? `\nOptions:\n${describeOptions(command.options)}\n` : ''
  return `Usage: magnum-ts ${command.path.join(' ')}${command.usage ? ` ${command.usage}` : ''} [options]\n\n${command.summary}\n${own}\nGlobal options:\n${describeOptions(GLOBAL_OPTIONS)}\n`
}
