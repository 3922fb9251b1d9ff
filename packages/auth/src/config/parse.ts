import { LineCounter, parseDocument, visit } from 'yaml'
import { ConfigError } from '../errors/errors.js'

/**
 * Parses the text of a clouds / secure / clouds-public file into plain data.
 *
 * Numbers (and YAML 1.1 timestamps) keep the text they were written as: every value we
 * read is a string, and `compute_api_version: 2.60` must not turn into "2.6".
 * YAML is read as YAML 1.1, as PyYAML (and so openstacksdk) reads it: `verify: no` is false.
 * Messages never quote the file's text: it may hold a password.
 */
export function parseConfigText(text: string, file: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  return file.toLowerCase().endsWith('.json') ? parseJson(body, file) : parseYaml(body, file)
}

function parseYaml(text: string, file: string): unknown {
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, {
    version: '1.1',
    merge: true,
    prettyErrors: false,
    uniqueKeys: true,
    lineCounter,
  })
  const first = doc.errors[0]
  if (first) {
    const { line, col } = lineCounter.linePos(first.pos[0])
    const reason = first.message.split('\n')[0] ?? first.code
    throw new ConfigError(
      `malformed YAML at line ${line}, column ${col} (${first.code}): ${reason}. Fix: correct the syntax there (indentation uses spaces, a key is followed by ": ")`,
      { file, key: `line ${line}` },
    )
  }
  visit(doc, {
    Scalar(_key, node) {
      if ((typeof node.value === 'number' || node.value instanceof Date) && typeof node.source === 'string') {
        node.value = node.source
      }
    },
  })
  try {
    return doc.toJS({ maxAliasCount: 1000 })
  } catch (error) {
    throw new ConfigError(
      `YAML cannot be turned into data: ${(error as Error).name}. Fix: remove recursive or excessive aliases`,
      {
        file,
      },
    )
  }
}

type Reviver = (key: string, value: unknown, context?: { source?: string }) => unknown

function parseJson(text: string, file: string): unknown {
  if (text.trim() === '') return null
  const keepNumberText: Reviver = (_key, value, context) =>
    typeof value === 'number' && typeof context?.source === 'string' ? context.source : value
  try {
    return JSON.parse(text, keepNumberText as (key: string, value: unknown) => unknown)
  } catch (error) {
    // V8's message may quote a slice of the file: keep only where it went wrong.
    const where = jsonErrorPosition(text, (error as Error).message)
    throw new ConfigError(
      `malformed JSON${where ? ` at line ${where.line}, column ${where.col}` : ''}. Fix: correct the syntax (check it with \`python3 -m json.tool ${file}\`)`,
      where ? { file, key: `line ${where.line}` } : { file },
    )
  }
}

function jsonErrorPosition(text: string, message: string): { line: number; col: number } | undefined {
  const lineCol = /line (\d+) column (\d+)/.exec(message)
  if (lineCol) return { line: Number(lineCol[1]), col: Number(lineCol[2]) }
  const position = /at position (\d+)/.exec(message)
  if (position) {
    const before = text.slice(0, Number(position[1]))
    const lines = before.split('\n')
    return { line: lines.length, col: (lines.at(-1)?.length ?? 0) + 1 }
  }
  if (/end of JSON input/i.test(message)) {
    const lines = text.split('\n')
    return { line: lines.length, col: (lines.at(-1)?.length ?? 0) + 1 }
  }
  return undefined
}
