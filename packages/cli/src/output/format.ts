import { stringify } from 'yaml'

export type OutputFormat = 'table' | 'json' | 'yaml' | 'value'
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['table', 'json', 'yaml', 'value']

type Row = Record<string, unknown>

/** Keeps only the asked columns (`-c`, repeatable), in the order asked. */
export function pickColumns(rows: Row[], columns: readonly string[]): Row[] {
  if (columns.length === 0) return rows
  return rows.map((row) => Object.fromEntries(columns.map((c) => [c, row[c]])))
}

/** Renders a list like OSC's `-f table|json|yaml|value`. */
export function formatList(rows: Row[], format: OutputFormat, columns: readonly string[] = []): string {
  const picked = pickColumns(rows, columns)
  switch (format) {
    case 'json':
      return `${JSON.stringify(picked, null, 2)}\n`
    case 'yaml':
      return stringify(picked)
    case 'value':
      return picked.map((r) => Object.values(r).map(cell).join(' ')).join('\n') + (picked.length ? '\n' : '')
    case 'table':
      return table(picked)
  }
}

/** Renders one object: a Field/Value table, or the object itself in json/yaml. */
export function formatOne(object: Row, format: OutputFormat, columns: readonly string[] = []): string {
  const [picked] = pickColumns([object], columns)
  switch (format) {
    case 'json':
      return `${JSON.stringify(picked, null, 2)}\n`
    case 'yaml':
      return stringify(picked)
    case 'value':
      return `${Object.values(picked!).map(cell).join('\n')}\n`
    case 'table':
      return table(Object.entries(picked!).map(([Field, Value]) => ({ Field, Value })))
  }
}

function cell(value: unknown): string {
  if (value === undefined || value === null) return ''
  if (typeof value === 'object') return JSON.stringify(value)
  return String(value)
}

function table(rows: Row[]): string {
  if (rows.length === 0) return ''
  const headers = Object.keys(rows[0]!)
  const cells = rows.map((r) => headers.map((h) => cell(r[h]).split('\n')))
  const widths = headers.map((h, i) =>
    Math.max(h.length, ...cells.flatMap((r) => r[i]!.map((l) => l.length))),
  )
  const rule = `+${widths.map((w) => '-'.repeat(w + 2)).join('+')}+`
  const line = (values: string[]) => `| ${values.map((v, i) => v.padEnd(widths[i]!)).join(' | ')} |`
  const body = cells.flatMap((r) => {
    const height = Math.max(...r.map((c) => c.length))
    return Array.from({ length: height }, (_, k) => line(r.map((c) => c[k] ?? '')))
  })
  return `${[rule, line(headers), rule, ...body, rule].join('\n')}\n`
}
