import { describe, expect, it } from 'vitest'
import { toHyperliquidDexCollateral } from './toHyperliquidDexCollateral.js'
import { toHyperliquidSpotPrices } from './toHyperliquidSpotVenueModel.js'
import type { SpotMetaAndAssetCtxs } from '../read/hyperliquidSchemas.js'

/** Spot tokens and one USDH/USDC pair at 0.9995, built for the test in the documented shape (not a recording). */
const spotMeta: SpotMetaAndAssetCtxs = [
  { tokens: [{ name: 'USDC', index: 0 }, { name: 'USDH', index: 360 }, { name: 'USDE', index: 235 }], universe: [{ name: '@230', tokens: [360, 0], index: 230 }] },
  [{ coin: '@230', markPx: 0.9995 }],
]
const prices = toHyperliquidSpotPrices(spotMeta[0], spotMeta[1])

describe('toHyperliquidDexCollateral', () => {
  it("prices the token the dex's meta names, by its spot index", () => {
    expect(toHyperliquidDexCollateral('flx', { universe: [], collateralToken: 360 }, spotMeta, prices)).toEqual({ token: 'USDH', priceUsd: 0.9995 })
  })

  it("without the dex's meta, finds the known collateral by its name", () => {
    expect(toHyperliquidDexCollateral('flx', null, spotMeta, prices)).toEqual({ token: 'USDH', priceUsd: 0.9995 })
  })

  it('takes USDC at 1', () => {
    expect(toHyperliquidDexCollateral('xyz', null, null, new Map())).toEqual({ token: 'USDC', priceUsd: 1 })
    expect(toHyperliquidDexCollateral('new', { universe: [], collateralToken: 0 }, spotMeta, prices)).toEqual({ token: 'USDC', priceUsd: 1 })
  })

  it('has no price for a token without a USDC pair, or without spot prices at all', () => {
    expect(toHyperliquidDexCollateral('hyna', null, spotMeta, prices)).toEqual({ token: 'USDE', priceUsd: null })
    expect(toHyperliquidDexCollateral('flx', null, null, new Map([[0, 1]]))).toEqual({ token: 'USDH', priceUsd: null })
    expect(toHyperliquidDexCollateral('unlisted', null, spotMeta, prices)).toEqual({ token: 'collateral of unlisted', priceUsd: null })
  })
})
