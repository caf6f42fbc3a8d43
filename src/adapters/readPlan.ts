import { multicall, type Config } from '@wagmi/core'
import type { Abi, Address } from 'viem'
import type { BlockRef } from '../domain/venue.js'
import { ChainUnavailableError } from '../errors/index.js'

/** One contract read of a multicall. */
export type ContractCall = {
  readonly address: Address
  readonly abi: Abi
  readonly functionName: string
  readonly args?: readonly unknown[]
}

/** One multicall result, untyped: each adapter decodes its own. */
export type CallResult = { readonly status: 'success' | 'failure'; readonly result?: unknown; readonly error?: Error }

/**
 * An adapter's share of a chain's one multicall: its calls, and how to turn
 * exactly their results (same order) into its answer.
 */
export type ReadPlan<T> = {
  readonly calls: readonly ContractCall[]
  decode(results: readonly CallResult[]): T
}

/** Reads one chain at one pinned block. */
export type ChainReader = {
  readonly chainId: number
  readonly block: BlockRef
  /** One Multicall3 `eth_call` at the pinned block. @throws ChainUnavailableError when the node fails. */
  multicall(calls: readonly ContractCall[]): Promise<readonly CallResult[]>
}

/**
 * A reader over wagmi's per-chain `multicall` action, pinned at `block`
 * (not `readContracts`, which pins one block number for every chain).
 */
export function createChainReader(config: Config, block: BlockRef): ChainReader {
  return {
    chainId: block.chainId,
    block,
    async multicall(calls) {
      if (calls.length === 0) return []
      try {
        return (await multicall(config, {
          chainId: block.chainId,
          contracts: calls as never,
          blockNumber: block.blockNumber,
          allowFailure: true,
          // one eth_call for the whole read: no calldata chunking
          batchSize: 0,
        })) as readonly CallResult[]
      } catch (cause) {
        throw new ChainUnavailableError(block.chainId, { reason: 'the multicall failed', cause })
      }
    },
  }
}

/** Runs one plan as its own multicall (tests, cold paths). */
export async function executePlan<T>(reader: ChainReader, plan: ReadPlan<T>): Promise<T> {
  return plan.decode(await reader.multicall(plan.calls))
}

/**
 * A result that must have succeeded.
 * @throws ChainUnavailableError naming the read that reverted.
 */
export function required<T>(chainId: number, r: CallResult | undefined, what: string): T {
  if (!r || r.status !== 'success') throw new ChainUnavailableError(chainId, { reason: `${what} reverted`, cause: r?.error, scope: 'read' })
  return r.result as T
}

/** A result that may fail (an optional interface): its value or null. */
export function optional<T>(r: CallResult | undefined): T | null {
  return r?.status === 'success' ? (r.result as T) : null
}
