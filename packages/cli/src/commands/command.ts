import type { Session } from '@magnum-ts/auth'
import type { GlobalOptions, Io } from '../context.js'

export interface OptionSpec {
  type: 'string' | 'boolean'
  multiple?: boolean
  short?: string
  description: string
  default?: string | boolean
}

export interface CommandInput {
  io: Io
  global: GlobalOptions
  values: Record<string, string | boolean | string[] | boolean[] | undefined>
  positionals: string[]
  /** Opens the session lazily: commands that need no cloud never read clouds.yaml. */
  session: () => Promise<Session>
  print: { one: (o: Record<string, unknown>) => void; list: (rows: Record<string, unknown>[]) => void }
}

/** One `magnum-ts <path…>` command: its options are parsed by node:util parseArgs. */
export interface Command {
  path: readonly string[]
  summary: string
  usage?: string
  options: Record<string, OptionSpec>
  run(input: CommandInput): Promise<number>
}
