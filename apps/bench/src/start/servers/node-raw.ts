// The floor on Node: node:http with the probed route answered by hand.
import { createServer } from 'node:http'
import { rawAnswer } from '../apps/raw.js'
import { HOST, portArg } from './port.js'

createServer((req, res) => {
  const url = req.url ?? '/'
  const q = url.indexOf('?')
  const body = rawAnswer(req.method ?? 'GET', q === -1 ? url : url.slice(0, q))
  if (body === undefined) res.writeHead(404).end('nothing here')
  else res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(body)
}).listen(portArg(), HOST)
