import { describe, expect, it } from 'vitest'
import { createClient } from './client.js'

describe('createClient', () => {
  it('refuses a baseUrl with credentials, which fetch cannot send and the client would drop', () => {
    expect(() => createClient({ baseUrl: 'https://me:secret@example.com/api' })).toThrow(
      new TypeError(
        'baseUrl "https://me:secret@example.com/api" has credentials: send them in an Authorization header',
      ),
    )
  })
})
