import { expect } from 'vitest'
import { brokenSecret } from '../fixture/broken-app.js'
import { field, fieldValues } from './raw-http.js'
import { expectPost, request } from './raw-session.js'
import type { Target } from './target.js'

/** A request with a `Host` that names no valid URL, which the adapter refuses before the app. */
const badHost = (fields = '') => `GET /posts/1 HTTP/1.1\r\nHost: a?b\r\n${fields}\r\n`

/** The head of a raw answer, as lines; the status line first. */
const headLines = (answer: string) => (answer.split('\r\n\r\n')[0] ?? '').split('\r\n')

/** The value of the `Date` field in raw head `lines`, or `undefined`. */
const dateIn = (lines: string[]) =>
  lines
    .find((line) => line.toLowerCase().startsWith('date:'))
    ?.slice(5)
    .trim()

/** RFC 9110 §6.6.1: an origin server with a clock MUST send `Date`, in IMF-fixdate form. */
function expectDate(value: string | null | undefined, what: string): void {
  expect(value, what).toMatch(/^[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d GMT$/)
}

/** What the adapter answers itself: the app's bugs, and requests refused before the app runs. */
export const adapterAnswerCases = [
  {
    name: 'answers an app whose fetch throws or rejects with a bare 500, and keeps serving',
    async run(target: Target) {
      // /broken/throw throws before any promise exists; /broken/reject rejects (broken-app.ts).
      for (const path of ['/broken/throw', '/broken/reject']) {
        const response = await target.fetch(path)
        expect(response.status, path).toBe(500)
        const body = await response.text()
        expect(body, path).not.toContain(brokenSecret)
        expect(body, path).not.toMatch(/\n\s+at /)
      }
      expect((await target.fetch('/posts/1')).status).toBe(200)
    },
  },
  {
    name: "sends Date on the app's answers and on its own 400 problem",
    async run(target: Target) {
      const answer = await target.fetch('/posts/1')
      expectDate(answer.headers.get('date'), 'app answer')
      const refused = headLines(
        await target.raw!('GET /posts/1 HTTP/1.1\r\nHost: a?b\r\nConnection: close\r\n\r\n'),
      )
      expect(refused[0]).toMatch(/^HTTP\/1\.1 400 /)
      expectDate(dateIn(refused), 'adapter 400')
    },
  },
  {
    name: 'sends Date on its answer to a request the HTTP parser refuses',
    async run(target: Target) {
      // A space in a field name: no HTTP/1.1 parser hands this to the adapter (RFC 9112 §5.1).
      const refused = headLines(
        await target.raw!(
          'GET /posts/1 HTTP/1.1\r\nHost: a\r\nBad Field: x\r\nConnection: close\r\n\r\n',
        ),
      )
      expect(refused[0]).toMatch(/^HTTP\/1\.1 400 /)
      expectDate(dateIn(refused), 'parser 400')
    },
  },
  {
    name: 'refuses a bad Host with one Connection field, closing the connection only when it says so',
    async run(target: Target) {
      const asked = await target.connect!()
      try {
        // The client asks to close: the answer says so once (Deno used to add its own `close`
        // to the adapter's, two field lines).
        asked.write(badHost('Connection: close\r\n'))
        const answer = await asked.response()
        expect(answer.status).toBe(400)
        expect(fieldValues(answer, 'connection')).toEqual(['close'])
      } finally {
        asked.destroy()
      }
      const kept = await target.connect!()
      try {
        kept.write(badHost())
        const refused = await kept.response()
        expect(refused.status).toBe(400)
        if (/close/i.test(field(refused, 'connection') ?? '')) {
          // RFC 9112 §9.6: a server that sends `close` MUST close the connection after it.
          await kept.closed
          expect(kept.gaveUp, 'the answer said close, the connection stayed open').toBe(false)
        } else {
          // No `close`: the connection stays usable for the next request.
          kept.write(request('GET', '/posts/1'))
          expectPost(await kept.response(), 1)
        }
      } finally {
        kept.destroy()
      }
    },
  },
  {
    name: 'closes the connection after refusing a bad Host',
    async run(target: Target) {
      const connection = await target.connect!()
      try {
        // A request the adapter refuses before the app: Node and Bun close after it, as the
        // answer's `Connection: close` says, whatever the client asked.
        connection.write(badHost())
        const refused = await connection.response()
        expect(refused.status).toBe(400)
        expect(field(refused, 'connection')).toBe('close')
        await connection.closed
        expect(connection.gaveUp, 'the connection stayed open').toBe(false)
      } finally {
        connection.destroy()
      }
    },
  },
]
