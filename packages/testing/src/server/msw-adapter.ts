import { HttpResponse, http, type RequestHandler } from 'msw'
import { type Dispatch, DROP } from './dispatch.js'

/** msw handlers that send every request to the fake's origin into the dispatcher. */
export function mswHandlers(origin: string, dispatch: Dispatch): RequestHandler[] {
  return [
    http.all(`${origin}/*`, async ({ request }) => {
      const response = await dispatch(request)
      // A dropped connection: msw turns this into a network error, so fetch rejects with a TypeError.
      return response === DROP ? HttpResponse.error() : response
    }),
  ]
}
