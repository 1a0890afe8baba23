// The few parts of Bun's API this adapter uses (https://bun.sh/docs/api/http), typed locally so
// that `src/` does not depend on @types/bun.

/** The server `Bun.serve` returns. */
export interface BunServer {
  readonly port: number
  readonly hostname: string
  /** The peer address of `request`'s socket (null once it is closed). */
  requestIP(request: Request): { address: string } | null
  /** Stops listening; without `true`, settles once in-flight requests are done. */
  stop(closeActiveConnections?: boolean): Promise<void>
}

/** What this adapter passes to `Bun.serve`. */
export interface BunServeOptions {
  port: number
  hostname?: string
  development: boolean
  /** Seconds a connection may go without the server sending (0: no limit, at most 255). */
  idleTimeout?: number
  fetch(request: Request, server: BunServer): Promise<Response>
  error(error: unknown): Response
}

/** A lazily read file (`Bun.file`). */
export interface BunFile {
  slice(start: number, end: number): BunFile
  stream(): ReadableStream<Uint8Array>
}

/** The `Bun` global, as far as this adapter uses it. */
export interface BunGlobal {
  serve(options: BunServeOptions): BunServer
  file(path: string): BunFile
}

/** Bun's Node-compatible `process`, for signals. */
export interface BunProcess {
  on(signal: string, listener: (signal: string) => void): void
  off(signal: string, listener: (signal: string) => void): void
  exit(code: number): never
}

/** `node:fs/promises` as Bun implements it natively (https://bun.sh/docs/runtime/nodejs-apis). */
export interface BunFs {
  realpath(path: string): Promise<string>
  stat(
    path: string,
  ): Promise<{ size: number; mtimeMs: number; isFile(): boolean; isDirectory(): boolean }>
}

/** The runtime globals, asserted once. */
export const runtime = globalThis as unknown as { Bun: BunGlobal; process: BunProcess }
