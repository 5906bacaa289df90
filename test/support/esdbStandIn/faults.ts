// Failures the stand-in can be told to commit, one request at a time, so tests can show what the
// adapter does when the server or the network misbehaves at a precise moment of an append or read.
//
// Stages of an append: 'before-write' fires once the server has the request header (for the
// client-streaming Append, while the events are still arriving), 'after-write' once the events are
// in the log but before the answer is sent, which is where the client cannot tell success from
// failure.
export type AppendStage = 'before-write' | 'after-write'

export type AppendFault =
  /** Every client connection is reset (TCP RST), as when a node dies or the network cuts. */
  | { readonly kind: 'drop'; readonly at: AppendStage }
  /** No answer at all: the call stays open until the client gives up or cancels it. */
  | { readonly kind: 'hang'; readonly at: AppendStage }
  /** The server's own commit timeout (Aborted on Append, a Timeout detail on BatchAppend). */
  | { readonly kind: 'timeout'; readonly at: AppendStage }
  /** "Server Is Not Ready" (Unavailable), before anything is written. */
  | { readonly kind: 'unavailable' }

export type ReadTarget = 'stream' | 'all' | 'subscription'

export type ReadFault = {
  readonly kind: 'drop' | 'hang' | 'unavailable'
  /** Which kind of Read call it hits; any when absent. */
  readonly target?: ReadTarget
}

export class Faults {
  private appendFaults: AppendFault[] = []
  private readFaults: ReadFault[] = []

  /** The next `times` appends (Append or BatchAppend requests) meet `fault`. */
  onNextAppend(fault: AppendFault, times = 1): void {
    for (let i = 0; i < times; i++) this.appendFaults.push(fault)
  }

  /** The next `times` Read calls of the given target meet `fault`. */
  onNextRead(fault: ReadFault, times = 1): void {
    for (let i = 0; i < times; i++) this.readFaults.push(fault)
  }

  takeAppendFault(): AppendFault | undefined {
    return this.appendFaults.shift()
  }

  takeReadFault(target: ReadTarget): ReadFault | undefined {
    const i = this.readFaults.findIndex((f) => f.target === undefined || f.target === target)
    if (i < 0) return undefined
    return this.readFaults.splice(i, 1)[0]
  }

  get pending(): number {
    return this.appendFaults.length + this.readFaults.length
  }

  clear(): void {
    this.appendFaults = []
    this.readFaults = []
  }
}
