// The few parts of Deno's API this adapter uses (https://docs.deno.com/api/deno/), typed locally
// so that `src/` does not depend on Deno's own type declarations.

/** The second argument of a `Deno.serve` handler. */
export interface DenoServeHandlerInfo {
  remoteAddr: { transport: string; hostname?: string; port?: number }
  completed?: Promise<void>
}

/** The server `Deno.serve` returns. */
export interface DenoHttpServer {
  readonly addr: { hostname: string; port: number }
  /** Settles once the server has stopped. */
  readonly finished: Promise<void>
  /** Stops listening and settles once in-flight requests are done. */
  shutdown(): Promise<void>
}

/** What this adapter passes to `Deno.serve`. */
export interface DenoServeOptions {
  port: number
  hostname?: string
  signal?: AbortSignal
  onListen(addr: unknown): void
  onError(error: unknown): Response
  handler(request: Request, info: DenoServeHandlerInfo): Promise<Response>
}

export interface DenoFile {
  seek(offset: number, whence: 0): Promise<number>
  read(buffer: Uint8Array): Promise<number | null>
  close(): void
}

export interface DenoFileInfo {
  size: number
  mtime: Date | null
  isFile: boolean
  isDirectory: boolean
}

/** The `Deno` namespace, as far as this adapter uses it. */
export interface DenoGlobal {
  serve(options: DenoServeOptions): DenoHttpServer
  addSignalListener(signal: string, listener: () => void): void
  removeSignalListener(signal: string, listener: () => void): void
  exit(code: number): never
  realPath(path: string): Promise<string>
  stat(path: string): Promise<DenoFileInfo>
  open(path: string, options: { read: true }): Promise<DenoFile>
}

/** The runtime global, asserted once. */
export const runtime = globalThis as unknown as { Deno: DenoGlobal }
