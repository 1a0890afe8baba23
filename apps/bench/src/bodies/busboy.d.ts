// The part of busboy 1.x's API the benchmark uses (the package ships no types).
declare module 'busboy' {
  import type { Readable, Writable } from 'node:stream'
  interface BusboyConfig {
    headers: Record<string, string>
    limits?: Record<string, number>
    defParamCharset?: string
  }
  interface Busboy extends Writable {
    on(event: 'file', listener: (name: string, stream: Readable, info: unknown) => void): this
    on(event: 'field', listener: (name: string, value: string, info: unknown) => void): this
    on(event: 'close', listener: () => void): this
    on(event: 'error', listener: (error: Error) => void): this
  }
  export default function busboy(config: BusboyConfig): Busboy
}
