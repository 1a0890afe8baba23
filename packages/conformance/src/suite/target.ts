import type { ChildServer } from '../harness/child-server.js'

/** What the suite runs against: the fixture app behind one runtime. */
export interface Target {
  /** `fetch` relative to the fixture's origin. */
  fetch(path: string, init?: RequestInit): Promise<Response>
  /**
   * Starts a separate, disposable instance for cases that end it (graceful shutdown). Absent for
   * the in-process runner, which has no process to signal.
   */
  spawn?(): Promise<ChildServer>
}

/** A target over real HTTP to `server`. */
export function socketTarget(server: ChildServer, spawn: () => Promise<ChildServer>): Target {
  return { fetch: (path, init) => fetch(new URL(path, server.url), init), spawn }
}

/** A unique id for the fixture's per-request bookkeeping (`/hang?id=...`). */
export function uniqueId(): string {
  return crypto.randomUUID()
}

/** Polls `path` until its JSON `state` is `state` (the suite's way to observe background work). */
export async function waitForState(target: Target, path: string, state: string): Promise<void> {
  for (;;) {
    const response = await target.fetch(path)
    const body = (await response.json()) as { state?: string }
    if (body.state === state) return
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

/** Asserts-free helper: the parsed problem+json body and its media type. */
export async function readProblem(
  response: Response,
): Promise<{ type: string | null; body: Record<string, unknown> }> {
  return {
    type: response.headers.get('content-type'),
    body: (await response.json()) as Record<string, unknown>,
  }
}
