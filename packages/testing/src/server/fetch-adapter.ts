import { type Dispatch, DROP } from './dispatch.js'

/** A `fetch` that answers from the fake directly (no msw, no sockets); any origin is accepted. */
export function fakeFetch(dispatch: Dispatch): typeof globalThis.fetch {
  return async (input, init) => {
    const request = new Request(input, init)
    if (request.signal.aborted) throw request.signal.reason
    const response = await dispatch(request)
    if (response === DROP) {
      // What undici throws when the peer closes the socket mid-request.
      throw new TypeError('fetch failed', {
        cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }),
      })
    }
    // A constructed Response has an empty `url`; real fetch reports where the answer came from.
    Object.defineProperty(response, 'url', { value: request.url })
    return response
  }
}
