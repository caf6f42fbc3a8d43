import type { Address } from 'viem'

/** Canonical Multicall3 address, the same on every EVM chain (mds1/multicall deployments list). */
export const MULTICALL3_ADDRESS: Address = '0xcA11bde05977b3631167028862bE2a173976CA11'
