import { describe, expect, it, vi } from 'vitest'
import {
  closeOnAbort,
  confineToRoot,
  createGracefulClose,
  createWaitUntil,
  onShutdownSignals,
  serverUrl,
  timeoutOption,
} from './serve-kit.js'

/** What `run` logs with console.error, up to the next macrotask, as one string. */
async function errorsLogged(run: () => void): Promise<string> {
  const logged: unknown[] = []
  const error = console.error
  console.error = (...args: unknown[]) => logged.push(args)
  try {
    run()
    await new Promise((resolve) => setTimeout(resolve, 0))
  } finally {
    console.error = error
  }
  return String(logged)
}

describe('serve kit', () => {
  it('waits for waitUntil work, including work added while draining, and logs failures', async () => {
    const t = createWaitUntil()
    const done: string[] = []
    t.waitUntil(
      new Promise<void>((r) =>
        setTimeout(() => {
          done.push('a')
          t.waitUntil(Promise.resolve().then(() => done.push('b')))
          r()
        }, 5),
      ),
    )
    const errors: unknown[] = []
    const original = console.error
    console.error = (...a: unknown[]) => errors.push(a)
    try {
      t.waitUntil(Promise.reject(new Error('x')))
      await t.drain()
    } finally {
      console.error = original
    }
    expect(done).toEqual(['a', 'b'])
    expect(errors).toHaveLength(1)
  })

  it('closes in order, once, and forces past the deadline', async () => {
    const log: string[] = []
    const close = createGracefulClose({
      stop: () => new Promise<void>(() => log.push('stop')),
      force: () => {
        log.push('force')
      },
      drain: async () => {
        log.push('drain')
      },
      dispose: () => {
        log.push('dispose')
      },
      timeout: 20,
    })
    const a = close()
    expect(close()).toBe(a)
    await a
    expect(log).toEqual(['stop', 'force', 'drain', 'dispose'])
  })

  it('closes the app once what force cut is gone, not before', async () => {
    const log: string[] = []
    const close = createGracefulClose({
      stop: () => new Promise<void>(() => {}),
      force: () =>
        new Promise<void>((resolve) =>
          setTimeout(() => {
            log.push('cut')
            resolve()
          }, 10),
        ),
      drain: async () => {},
      dispose: () => {
        log.push('dispose')
      },
      timeout: 10,
    })
    await close()
    expect(log).toEqual(['cut', 'dispose'])
  })

  it('does not force when in-flight requests finished in time, however long waitUntil work takes', async () => {
    const log: string[] = []
    const close = createGracefulClose({
      stop: async () => {},
      force: () => {
        log.push('force')
      },
      drain: () => new Promise<void>(() => {}),
      dispose: () => {
        log.push('dispose')
      },
      timeout: 10,
    })
    await close()
    expect(log).toEqual(['dispose'])
  })

  it('warns of what the deadline cut or left behind', async () => {
    const warned: unknown[] = []
    const warn = console.warn
    console.warn = (...args: unknown[]) => warned.push(args.join(' '))
    try {
      await createGracefulClose({
        stop: () => new Promise<void>(() => {}),
        force: () => {},
        drain: () => new Promise<void>(() => {}),
        timeout: 10,
      })()
      await createGracefulClose({
        stop: async () => {},
        drain: async () => {},
        timeout: 10,
      })()
    } finally {
      console.warn = warn
    }
    expect(warned).toEqual([
      '[ferry] shutdownTimeout (10 ms) passed with requests in flight: cutting them',
      '[ferry] shutdownTimeout (10 ms) passed with waitUntil work unsettled: closing the app without it',
    ])
  })

  it.each([
    ['Infinity', Number.POSITIVE_INFINITY],
    ['2 ** 31 ms (past what a timer holds)', 2 ** 31],
  ])('waits as long as requests take with a shutdownTimeout of %s', async (_, timeout) => {
    vi.useFakeTimers()
    try {
      const log: string[] = []
      let stopped!: () => void
      const closing = createGracefulClose({
        stop: () => new Promise<void>((resolve) => (stopped = resolve)),
        force: () => {
          log.push('force')
        },
        drain: async () => {},
        dispose: () => {
          log.push('dispose')
        },
        timeout,
      })()
      // A day: Node (and every runtime's setTimeout) runs a delay it cannot hold after 1 ms.
      await vi.advanceTimersByTimeAsync(86_400_000)
      expect(log).toEqual([])
      stopped()
      await closing
      expect(log).toEqual(['dispose'])
    } finally {
      vi.useRealTimers()
    }
  })

  it('closes the app even when the server fails to stop, then rejects with that failure', async () => {
    vi.useFakeTimers()
    try {
      const log: string[] = []
      const closing = createGracefulClose({
        stop: () => Promise.reject(new Error('not running')),
        drain: async () => {
          log.push('drain')
        },
        dispose: () => {
          log.push('dispose')
        },
        timeout: 10_000,
      })()
      await expect(closing).rejects.toThrow('not running')
      expect(log).toEqual(['drain', 'dispose'])
      // No deadline left behind to keep the process alive.
      expect(vi.getTimerCount()).toBe(0)
    } finally {
      vi.useRealTimers()
    }
  })

  it('closes the app even when cutting the connections fails', async () => {
    const log: string[] = []
    const warn = console.warn
    console.warn = () => {}
    try {
      const closing = createGracefulClose({
        stop: () => new Promise<void>(() => {}),
        force: () => {
          throw new Error('cannot cut')
        },
        drain: async () => {},
        dispose: () => {
          log.push('dispose')
        },
        timeout: 0,
      })()
      await expect(closing).rejects.toThrow('cannot cut')
    } finally {
      console.warn = warn
    }
    expect(log).toEqual(['dispose'])
  })

  it('shuts down on the first signal and exits on the second', () => {
    const listeners = new Map<string, () => void>()
    const exits: number[] = []
    let shutdowns = 0
    const off = onShutdownSignals(
      {
        on: (s, l) => listeners.set(s, l),
        off: (s) => listeners.delete(s),
        exit: (c) => exits.push(c),
      },
      async () => {
        shutdowns++
      },
    )
    listeners.get('SIGTERM')!()
    expect(shutdowns).toBe(1)
    off()
    expect(listeners.size).toBe(2)
    listeners.get('SIGINT')!()
    expect(exits).toEqual([130])
  })

  it('logs a shutdown that fails and exits with 1, rather than leave an unhandled rejection', async () => {
    const listeners = new Map<string, () => void>()
    const exits: number[] = []
    const logged = await errorsLogged(() => {
      onShutdownSignals(
        {
          on: (s, l) => listeners.set(s, l),
          off: (s) => listeners.delete(s),
          exit: (c) => exits.push(c),
        },
        () => Promise.reject(new Error('db would not close')),
      )
      listeners.get('SIGTERM')!()
    })
    expect(exits).toEqual([1])
    expect(logged).toMatch(/shutting down failed.*db would not close/)
  })

  it('logs a close on abort that fails', async () => {
    const logged = await errorsLogged(() => {
      const abort = new AbortController()
      closeOnAbort(abort.signal, () => Promise.reject(new Error('stuck')))
      abort.abort()
    })
    expect(logged).toMatch(/closing on abort failed.*stuck/)
  })

  it.each([
    [undefined, '0.0.0.0', 3000, 'http://localhost:3000/'],
    ['127.0.0.1', '127.0.0.1', 80, 'http://127.0.0.1:80/'],
    ['::1', '::1', 8080, 'http://[::1]:8080/'],
    ['::', '::', 1, 'http://localhost:1/'],
  ] as const)('makes the URL for %s bound to %s', (requested, bound, port, url) => {
    expect(serverUrl(requested, bound, port)).toBe(url)
  })

  it('confines file-source paths to the real root, symbolic links included', async () => {
    // A fake tree: /srv/www is the root; /srv/www/leak is a link to /etc/passwd.
    const links: Record<string, string> = {
      '/srv/www': '/srv/www',
      '/srv/www/a.txt': '/srv/www/a.txt',
      '/srv/www/leak': '/etc/passwd',
      '/srv/www-other/x': '/srv/www-other/x',
    }
    const realpath = fakeRealpath(links)
    const locate = confineToRoot('/srv/www', realpath)
    expect(await locate('/a.txt')).toBe('/srv/www/a.txt')
    expect(await locate('/')).toBe('/srv/www')
    expect(await locate('/leak')).toBeUndefined()
    expect(await locate('/../www-other/x')).toBeUndefined()
    expect(await locate('/a\\b')).toBeUndefined()
    expect(await locate('/missing')).toBeUndefined()
  })

  it('refuses a link under a plain name to a hidden entry inside the root', async () => {
    // /srv/www/config -> .env and /srv/www/vcs -> .git: names that pass a dotfile check, real
    // paths that do not.
    const links: Record<string, string> = {
      '/srv/www': '/srv/www',
      '/srv/www/config': '/srv/www/.env',
      '/srv/www/vcs/HEAD': '/srv/www/.git/HEAD',
      '/srv/www/.well-known/security.txt': '/srv/www/.well-known/security.txt',
      '/srv/www/a.b': '/srv/www/a.b',
    }
    const realpath = fakeRealpath(links)
    const locate = confineToRoot('/srv/www', realpath)
    expect(await locate('/config')).toBeUndefined()
    expect(await locate('/vcs/HEAD')).toBeUndefined()
    // Asked for by its own hidden name, it is the caller's dotfile policy that decides.
    expect(await locate('/.well-known/security.txt')).toBe('/srv/www/.well-known/security.txt')
    expect(await locate('/a.b')).toBe('/srv/www/a.b')
  })

  it('judges hidden entries relative to the real root, which may itself be hidden', async () => {
    const links: Record<string, string> = {
      '/home/u/.site': '/home/u/.site',
      '/home/u/.site/a.txt': '/home/u/.site/a.txt',
    }
    const realpath = fakeRealpath(links)
    expect(await confineToRoot('/home/u/.site', realpath)('/a.txt')).toBe('/home/u/.site/a.txt')
  })
})

describe('timeoutOption', () => {
  it('is whole milliseconds, 0 for no limit, undefined when not given', () => {
    expect(timeoutOption(undefined, 'requestTimeout')).toBeUndefined()
    expect(timeoutOption(1500, 'requestTimeout')).toBe(1500)
    expect(timeoutOption(0.2, 'requestTimeout')).toBe(1)
    expect(timeoutOption(0, 'requestTimeout')).toBe(0)
    expect(timeoutOption(Number.POSITIVE_INFINITY, 'requestTimeout')).toBe(0)
  })

  it('throws a RangeError naming the option for a negative or NaN value', () => {
    expect(() => timeoutOption(-1, 'requestTimeout')).toThrow(
      new RangeError('requestTimeout must be a number of milliseconds, 0 or more; got -1'),
    )
    expect(() => timeoutOption(Number.NaN, 'requestTimeout')).toThrow(RangeError)
  })
})

/** A `realpath` over a fake tree: each path to its real path, anything else missing (ENOENT). */
function fakeRealpath(links: Record<string, string>): (path: string) => Promise<string> {
  return async (path) => {
    const real = links[path]
    if (real === undefined) throw new Error('ENOENT')
    return real
  }
}
