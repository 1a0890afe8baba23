import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeFileTree } from '../../../../test-support/file-tree.js'
import { createFileSource } from './file-source.js'

let dir: string
beforeAll(async () => {
  dir = await makeFileTree('ferry-node-fs-')
})
afterAll(() => rm(dir, { recursive: true, force: true }))

const text = (stream: ReadableStream<Uint8Array>) => new Response(stream).text()

describe('createFileSource', () => {
  it('stats files and directories', async () => {
    const files = createFileSource(join(dir, 'public'))
    expect(await files.stat('/hello.txt')).toMatchObject({ size: 12, isDirectory: false })
    expect(await files.stat('docs')).toMatchObject({ isDirectory: true })
    expect((await files.stat('/hello.txt'))?.mtimeMs).toBeGreaterThan(0)
  })

  it('reads a whole file or an inclusive range', async () => {
    const files = createFileSource(join(dir, 'public'))
    expect(await text(await files.read('/hello.txt'))).toBe('hello, world')
    expect(await text(await files.read('/hello.txt', { start: 7, end: 11 }))).toBe('world')
  })

  it.each([
    { name: 'a negative start', range: { start: -5, end: 2 } },
    { name: 'a start past 2^53', range: { start: 2 ** 53, end: 2 ** 53 + 4 } },
    { name: 'a fractional start', range: { start: 1.5, end: 3 } },
    { name: 'a NaN end', range: { start: 0, end: Number.NaN } },
  ])('refuses a range with $name with a RangeError, not other bytes', async ({ range }) => {
    const files = createFileSource(join(dir, 'public'))
    // Node's file read takes a negative or unsafe position as "where the file is": the bytes
    // from 0 went out as the range.
    await expect(files.read('/hello.txt', range)).rejects.toThrow(RangeError)
    await expect(files.read('/hello.txt', range)).rejects.toThrow(/range/)
  })

  it('follows a symbolic link that stays inside the root', async () => {
    const files = createFileSource(join(dir, 'public'))
    expect(await text(await files.read('/alias.txt'))).toBe('hello, world')
  })

  it.each([
    ['a missing file', '/nope.txt'],
    ['a dot-dot segment', '/../secret.txt'],
    ['a backslash', '/..\\secret.txt'],
    ['a NUL byte', '/hello.txt\0'],
    ['a symbolic link to a file outside', '/leak.txt'],
    ['a path through a symbolic link outside', '/up/secret.txt'],
    // `config -> .env`: the name passes a dotfile check, the file it reads is a dotfile.
    ['a symbolic link to a dotfile inside', '/config'],
    ['a path through a symbolic link to a dot directory inside', '/vcs/HEAD'],
    // Opening a FIFO for reading would block a libuv thread until a writer comes.
    ['a FIFO', '/pipe'],
  ])('answers undefined for %s', async (_name, path) => {
    const files = createFileSource(join(dir, 'public'))
    expect(await files.stat(path)).toBeUndefined()
    await expect(files.read(path)).rejects.toThrow(/not a readable file/)
  })

  it('leaves a hidden name asked for by name to the caller (serveStatic refuses it first)', async () => {
    const files = createFileSource(join(dir, 'public'))
    expect(await text(await files.read('/.env'))).toBe('SECRET=dotfile')
  })

  it('answers undefined for everything when the root does not exist', async () => {
    expect(await createFileSource(join(dir, 'missing')).stat('/hello.txt')).toBeUndefined()
  })
})
