import type { ChunkSource, SourcePart } from './multipart-part.js'

/** The end of the current part's content. */
export const END = Symbol('end')
/** The close delimiter: no part follows. */
export const DONE = Symbol('done')

/** What the parser found and the consumer has not taken yet: a part, its chunks, its end. */
export type PartEvent = Uint8Array | SourcePart | typeof END | typeof DONE

/**
 * A `PartQueue` holds the events of the request chunks parsed so far, in order. It is drained
 * before the next chunk is read, so it holds at most one chunk's events.
 */
export class PartQueue {
  #events: PartEvent[] = []
  #head = 0

  push(event: PartEvent): void {
    this.#events.push(event)
  }

  /** The next event, or `undefined` when every parsed event was taken. */
  shift(): PartEvent | undefined {
    const events = this.#events
    if (this.#head === events.length) return undefined
    const event = events[this.#head++]!
    // Emptied: start over (one array per reader rather than one per chunk).
    if (this.#head === events.length) this.clear()
    return event
  }

  clear(): void {
    this.#events.length = 0
    this.#head = 0
  }
}

/** What a reader gives each of its parts to read its content with (see `ChunkSource`). */
export interface PartHub {
  take(part: SourcePart): Uint8Array | null | undefined
  fill(): Promise<void>
  read(part: SourcePart): Promise<Uint8Array | null>
  /** Whether the reader moved past `part` (see `ChunkSource.passed`). */
  passed(part: SourcePart): boolean
}

/**
 * A `HubSource` is one part's `ChunkSource` over its reader: one object per part, with its
 * methods on the prototype, where closures would be four more allocations per part.
 */
export class HubSource implements ChunkSource {
  readonly #hub: PartHub
  /** The part this source feeds; set once the part is built around it. */
  part: SourcePart | undefined

  constructor(hub: PartHub) {
    this.#hub = hub
  }

  take(): Uint8Array | null | undefined {
    return this.#hub.take(this.part!)
  }

  wait(): Promise<void> {
    return this.#hub.fill()
  }

  read(): Promise<Uint8Array | null> {
    return this.#hub.read(this.part!)
  }

  passed(): boolean {
    return this.#hub.passed(this.part!)
  }

  /** Nothing to do: the reader skips what is left of the part when the consumer moves on. */
  cancel(): void {}
}
