import { arbitrum } from './arbitrum.js'
import { base } from './base.js'
import { ethereum } from './ethereum.js'
import { hyperevm } from './hyperevm.js'
import { optimism } from './optimism.js'
import { polygon } from './polygon.js'
import type { ChainConfig } from './types.js'

export type { ChainConfig } from './types.js'
export { MULTICALL3_ADDRESS } from './multicall3.js'

/**
 * Every public chain xmargin knows, by key. Adding a chain is adding a file
 * and a line here; other chains (the local devnet, a fork) come from a chain
 * list file (CHAINS_FILE).
 */
export const CHAINS: readonly ChainConfig[] = [ethereum, arbitrum, base, optimism, polygon, hyperevm]

/** Finds a chain by key (`ethereum`) or id (`1`). */
export function findChain(keyOrId: string | number): ChainConfig | undefined {
  return CHAINS.find((c) => c.key === String(keyOrId) || c.chain.id === Number(keyOrId))
}
