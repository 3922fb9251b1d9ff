/** An RFC 1123 DNS label, the form kubelet requires of a node name: lower-case letters, digits, inner `-`, ≤ 63. */
const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/

/** Whether `name` can be a Kubernetes node (server host) name on its own: one RFC 1123 label. */
export function isValidHostnameLabel(name: string): boolean {
  return LABEL.test(name)
}

/**
 * The server (and so kubelet node) name of one member of a stack: `<stack name>-<role>-<index>`.
 * Stack names are already lower-case `[a-z0-9-]`, so the result is a valid host name; the stack part
 * is shortened when needed to keep the label within 63 characters.
 */
export function serverName(stackName: string, role: string, index: number): string {
  const suffix = `-${role}-${index}`
  const room = Math.max(1, 63 - suffix.length)
  const prefix = stackName.slice(0, room).replace(/-+$/, '')
  return `${prefix}${suffix}`
}
