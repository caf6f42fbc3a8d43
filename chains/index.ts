import { arbitrum } from './arbitrum.js'
import { base } from './base.js'
import { devnetArb, devnetBase, devnetL1 } from './devnet.js'
import { ethereum } from './ethereum.js'
import { optimism } from './optimism.js'
import { polygon } from './polygon.js'
import type { ChainConfig } from './types.js'

export type { AaveV3Deployment, AaveV3Version, ChainConfig } from './types.js'

/** Every chain xmargin knows, by key. Adding a chain is adding a file and a line here. */
export const CHAINS: readonly ChainConfig[] = [devnetL1, devnetArb, devnetBase, ethereum, arbitrum, base, optimism, polygon]

/** Finds a chain by key (`ethereum`) or id (`1`). */
export function findChain(keyOrId: string | number): ChainConfig | undefined {
  return CHAINS.find((c) => c.key === String(keyOrId) || c.chain.id === Number(keyOrId))
}
