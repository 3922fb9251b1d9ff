/**
 * Normalises an auth URL to the Keystone v3 root: with or without `/v3`, with a trailing
 * slash, or a v2.0 URL left over from old openrc files, all become `<base>/v3`.
 */
export function normaliseAuthUrl(authUrl: string): string {
  const url = new URL(authUrl.trim())
  let path = url.pathname.replace(/\/+$/, '')
  if (/\/v2\.0$/.test(path)) path = path.replace(/\/v2\.0$/, '/v3')
  else if (!/\/v3$/.test(path)) path = `${path}/v3`
  url.pathname = path
  url.search = ''
  url.hash = ''
  return url.toString().replace(/\/$/, '')
}
