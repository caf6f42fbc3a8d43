/**
 * One poll of every chain's head, shared by all live subscriptions: however
 * many wallets are watched, the server asks each chain for its latest block
 * once per `pollMs`, and only while someone is watching. A subscription waits
 * for the heads to move (`changedSince`), then reads its wallet (the
 * service's per-block cache shares that read between subscribers of the same
 * wallet).
 */
export type HeadTicker = {
  /** Counts head changes seen since the ticker started; pass it back to `changedSince`. */
  readonly version: () => number
  /** Registers a watcher: the ticker polls while at least one is registered. Returns its release. */
  acquire(): () => void
  /**
   * Resolves when the heads have changed since `version` (at once if they
   * already have), or after `maxWaitMs` (to refresh venues read over an API,
   * which have no blocks). Rejects with the signal's reason when it aborts.
   */
  changedSince(version: number, options: { readonly signal: AbortSignal; readonly maxWaitMs: number }): Promise<void>
}

/**
 * @param readHeads Returns the heads as one comparable string (e.g.
 *   `900001:120,900002:88`); a read that throws counts as no change.
 * @param pollMs Poll interval, ms.
 */
export function createHeadTicker(readHeads: () => Promise<string>, pollMs: number): HeadTicker {
  const waiters = new Set<() => void>()
  let version = 0
  let last: string | null = null
  let holders = 0
  let timer: NodeJS.Timeout | null = null
  let polling = false

  async function poll(): Promise<void> {
    if (polling) return
    polling = true
    try {
      const heads = await readHeads()
      if (last !== null && heads !== last) {
        version += 1
        for (const wake of [...waiters]) wake()
      }
      last = heads
    } catch {
      // a chain that fails is the portfolio read's to report; the ticker just tries again
    } finally {
      polling = false
    }
  }

  return {
    version: () => version,
    acquire() {
      holders += 1
      if (timer === null) {
        timer = setInterval(() => void poll(), pollMs)
        timer.unref()
        void poll()
      }
      let released = false
      return () => {
        if (released) return
        released = true
        holders -= 1
        if (holders === 0 && timer !== null) {
          clearInterval(timer)
          timer = null
          last = null
        }
      }
    },
    changedSince(seen, { signal, maxWaitMs }) {
      if (signal.aborted) return Promise.reject(signal.reason)
      if (version > seen) return Promise.resolve()
      return new Promise<void>((resolve, reject) => {
        const done = () => {
          clearTimeout(timeout)
          waiters.delete(done)
          signal.removeEventListener('abort', aborted)
          resolve()
        }
        const aborted = () => {
          clearTimeout(timeout)
          waiters.delete(done)
          reject(signal.reason)
        }
        const timeout = setTimeout(done, maxWaitMs)
        waiters.add(done)
        signal.addEventListener('abort', aborted, { once: true })
      })
    },
  }
}
