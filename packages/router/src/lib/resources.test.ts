import { kind } from '@ferry/kind'
import { describe, expect, it } from 'vitest'
import { createRouter } from './router.js'

const Home = kind('GET /')

/** A promise and the function that resolves it. */
function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((r) => {
    resolve = r
  })
  return { promise, resolve }
}

/** Lets every pending promise reaction (and the next timer phase) run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('resource lifecycle', () => {
  it('answers 503 to a request that waited for the open when close() came meanwhile', async () => {
    const log: string[] = []
    const db = deferred<string>()
    const app = createRouter()
      .provide(
        'db',
        () => db.promise,
        (v) => {
          log.push(`close ${v}`)
        },
      )
      .route(Home, (c) => {
        log.push(`handler ${c.db}`)
        return 'ok'
      })
    const waiting = app.request('/')
    const closing = app.close()
    db.resolve('db')
    await closing
    expect((await waiting).status).toBe(503)
    expect(log).toEqual(['close db'])
  })

  it('opens no further resource once close() was called during the open', async () => {
    const log: string[] = []
    const a = deferred<string>()
    const app = createRouter()
      .provide(
        'a',
        () => a.promise,
        () => {
          log.push('close a')
        },
      )
      .provide(
        'b',
        () => log.push('open b'),
        () => {
          log.push('close b')
        },
      )
    const starting = app.start()
    const closing = app.close()
    a.resolve('a')
    await closing
    await expect(starting).rejects.toThrow('closed')
    expect(log).toEqual(['close a'])
  })

  it('makes a second close() wait until the first has closed every resource', async () => {
    const closed = deferred()
    let done = false
    const app = createRouter().provide(
      'db',
      () => 1,
      () => closed.promise.then(() => (done = true)),
    )
    await app.start()
    const first = app.close()
    let secondSettled = false
    const second = app.close().then(() => (secondSettled = true))
    await settle()
    expect(secondSettled).toBe(false)
    closed.resolve()
    await Promise.all([first, second])
    expect(done).toBe(true)
  })

  it('gives a second close() the failure of the first', async () => {
    const app = createRouter().provide(
      'db',
      () => 1,
      () => {
        throw new Error('stuck')
      },
    )
    await app.start()
    await expect(app.close()).rejects.toThrow(AggregateError)
    await expect(app.close()).rejects.toThrow(AggregateError)
  })

  it('keeps opened resources on the context when routes are added after the open', async () => {
    let opened = 0
    const app = createRouter()
      .provide('db', () => ({ n: ++opened }))
      .route(Home, (c) => c.db)
    await app.start()
    app.route(kind('GET /later'), (c) => c.db)
    expect(await (await app.request('/later')).json()).toEqual({ n: 1 })
    expect(await (await app.request('/')).json()).toEqual({ n: 1 })
    expect(opened).toBe(1)
  })

  it('opens a resource provided after the open once, on the next requests, the others not again', async () => {
    const log: string[] = []
    const app = createRouter()
      .provide('a', () => log.push('open a'))
      .route(Home, () => 'ok')
    expect((await app.request('/')).status).toBe(200)
    app
      .provide('b', () => {
        log.push('open b')
        return 'b'
      })
      .route(kind('GET /b'), (c) => c.b)
    const answers = await Promise.all([app.request('/b'), app.request('/b')])
    expect(await Promise.all(answers.map((r) => r.text()))).toEqual(['b', 'b'])
    expect(log).toEqual(['open a', 'open b'])
  })

  it('closes only what the failed attempt opened when a resource provided later fails', async () => {
    const log: string[] = []
    const app = createRouter()
      .provide(
        'a',
        () => 'a',
        () => {
          log.push('close a')
        },
      )
      .route(Home, (c) => c.a)
    await app.start()
    app
      .provide('b', () => {
        throw new Error('b unavailable')
      })
      .onError(() => new Response('down', { status: 500 }))
    expect((await app.request('/')).status).toBe(500)
    expect(log).toEqual([])
    await app.close()
    expect(log).toEqual(['close a'])
  })

  it('opens and closes once a router mounted under two prefixes with its resource', async () => {
    const log: string[] = []
    const api = createRouter()
      .provide(
        'db',
        () => {
          log.push('open')
          return 'db'
        },
        () => {
          log.push('close')
        },
      )
      .route(Home, (c) => c.db)
    const app = createRouter().mount('/v1', api).mount('/v2', api)
    expect(await (await app.request('/v1')).text()).toBe('db')
    expect(await (await app.request('/v2')).text()).toBe('db')
    await app.close()
    expect(log).toEqual(['open', 'close'])
  })

  it('opens once for a router served alone and mounted too, and closes after the last of them', async () => {
    const log: string[] = []
    const db = deferred<string>()
    const api = createRouter()
      .provide(
        'db',
        () => {
          log.push('open')
          return db.promise
        },
        (v) => {
          log.push(`close ${v}`)
        },
      )
      .route(Home, (c) => c.db)
    const app = createRouter().mount('/api', api)
    // Both wait for the one open under way.
    const answers = [app.request('/api'), api.request('/')]
    db.resolve('db')
    expect(await Promise.all((await Promise.all(answers)).map((r) => r.text()))).toEqual([
      'db',
      'db',
    ])
    await app.close()
    // The router still serves alone: its resource stays open for it.
    expect(log).toEqual(['open'])
    expect(await (await api.request('/')).text()).toBe('db')
    await api.close()
    expect(log).toEqual(['open', 'close db'])
  })

  it('opens once for a router mounted in two apps, and closes after both', async () => {
    const log: string[] = []
    let opened = 0
    const api = createRouter()
      .provide(
        'db',
        () => {
          log.push('open')
          return ++opened
        },
        () => {
          log.push('close')
        },
      )
      .route(Home, (c) => String(c.db))
    const one = createRouter().mount('/api', api)
    const two = createRouter().mount('/v2', api)
    expect(await (await one.request('/api')).text()).toBe('1')
    expect(await (await two.request('/v2')).text()).toBe('1')
    await two.close()
    expect(log).toEqual(['open'])
    await one.close()
    expect(log).toEqual(['open', 'close'])
    // Opened again for an app that asks after the last one closed.
    const three = createRouter().mount('/api', api)
    expect(await (await three.request('/api')).text()).toBe('2')
    await three.close()
    expect(log).toEqual(['open', 'close', 'open', 'close'])
  })

  it('gives a failed shared open to every app waiting for it, and counts only the next one', async () => {
    const log: string[] = []
    const api = createRouter()
      .provide(
        'db',
        async () => {
          log.push('open')
          if (log.length === 1) throw new Error('db down')
          return 'db'
        },
        () => {
          log.push('close')
        },
      )
      .route(Home, (c) => c.db)
    const app = createRouter().mount('/api', api)
    const failed = await Promise.all([app.request('/api'), api.request('/')])
    expect(failed.map((r) => r.status)).toEqual([500, 500])
    expect(await (await app.request('/api')).text()).toBe('db')
    expect(await (await api.request('/')).text()).toBe('db')
    await app.close()
    expect(log).toEqual(['open', 'open'])
    await api.close()
    expect(log).toEqual(['open', 'open', 'close'])
  })

  it('still refuses two different resources of one name across mounts', async () => {
    const api = createRouter().provide('db', () => 2)
    const app = createRouter()
      .provide('db', () => 1)
      .mount('/api', api)
    await expect(app.start()).rejects.toThrow('resource "db" is provided twice')
  })

  it("lets a layer hand on its own value under a resource's name, for that request only", async () => {
    const app = createRouter()
      .provide('db', () => 'pool')
      .use((c, next) => (c.request.headers.has('x-tx') ? next({ db: 'tx' }) : next()))
      .route(Home, (c) => c.db)
    const tx = await app.request('/', { headers: { 'x-tx': '1' } })
    expect(await tx.text()).toBe('tx')
    expect(await (await app.request('/')).text()).toBe('pool')
  })

  it('rejects with the error of the failed open when closing what it opened fails too', async () => {
    const logged: unknown[] = []
    const error = console.error
    console.error = (...args: unknown[]) => logged.push(args)
    try {
      const app = createRouter()
        .provide(
          'a',
          () => 1,
          () => {
            throw new Error('a stuck')
          },
        )
        .provide('b', () => {
          throw new Error('b unavailable')
        })
      await expect(app.start()).rejects.toThrow('b unavailable')
    } finally {
      console.error = error
    }
    // The close that failed is not lost either.
    expect(logged).toEqual([
      [
        expect.stringContaining('closing failed'),
        expect.objectContaining({ errors: [new Error('a stuck')] }),
      ],
    ])
  })

  it('gives every request waiting for a failed open its error, and opens again for the next', async () => {
    let opens = 0
    const app = createRouter()
      .provide('db', async () => {
        if (++opens === 1) throw new Error('db down')
        return 'db'
      })
      .route(Home, (c) => c.db)
      .onError((e) => new Response(String(e), { status: 500 }))
    const answers = await Promise.all([app.request('/'), app.request('/')])
    expect(await Promise.all(answers.map((r) => r.text()))).toEqual([
      'Error: db down',
      'Error: db down',
    ])
    expect(await (await app.request('/')).text()).toBe('db')
    expect(opens).toBe(2)
  })

  it('gives the resources to a request for routes added while they were opening', async () => {
    const db = deferred<string>()
    const app = createRouter().provide('db', () => db.promise)
    const starting = app.start()
    app.route(Home, (c) => c.db)
    const answer = app.request('/')
    db.resolve('db')
    await starting
    expect(await (await answer).text()).toBe('db')
  })
})
