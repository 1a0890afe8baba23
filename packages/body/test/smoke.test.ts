import { expect, it } from 'vitest'
import { parseMultipart } from '../src/index.ts'

it('smoke', async () => {
  const body =
    '--b\r\nContent-Disposition: form-data; name="a"\r\n\r\nhello\r\n--b\r\nContent-Disposition: form-data; name="f"; filename="x.txt"\r\nContent-Type: text/plain\r\n\r\nfile data\r\n--b--\r\n'
  const req = new Request('http://x/', {
    method: 'POST',
    body,
    headers: { 'content-type': 'multipart/form-data; boundary=b' },
  })
  const out = []
  for await (const p of parseMultipart(req)) out.push([p.name, p.filename, p.type, await p.text()])
  expect(out).toEqual([
    ['a', undefined, 'text/plain', 'hello'],
    ['f', 'x.txt', 'text/plain', 'file data'],
  ])
})
