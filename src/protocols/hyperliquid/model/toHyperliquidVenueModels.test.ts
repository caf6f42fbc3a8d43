import { describe, expect, it } from 'vitest'
import { perpDetailsOf } from '../../../risk/perps/toPerpVenueModel.js'
import { toHyperliquidVenueModels } from './toHyperliquidVenueModels.js'
import { clearinghouseStateSchema, metaSchema } from '../read/hyperliquidSchemas.js'

/** A cross account holding $120M of ETH (built for the test in the API's shape; not a recording). */
const whaleState = clearinghouseStateSchema.parse({
  marginSummary: { accountValue: '20000000.0', totalNtlPos: '120000000.0', totalRawUsd: '-100000000.0', totalMarginUsed: '4800000.0' },
  crossMarginSummary: { accountValue: '20000000.0', totalNtlPos: '120000000.0', totalRawUsd: '-100000000.0', totalMarginUsed: '4800000.0' },
  crossMaintenanceMarginUsed: '2666666.67',
  withdrawable: '15200000.0',
  assetPositions: [
    { type: 'oneWay', position: { coin: 'ETH', szi: '60000.0', leverage: { type: 'cross', value: 25 }, entryPx: '1700.0', positionValue: '120000000.0', unrealizedPnl: '18000000.0', liquidationPx: null, marginUsed: '4800000.0', maxLeverage: 25 } },
  ],
  time: 1760000000000,
})

describe('toHyperliquidVenueModels with margin tables', () => {
  it("applies the asset's tiered table from meta (ETH: 25x to $100M, 15x above), and one tier for ids under 50", () => {
    const tiered = metaSchema.parse({
      universe: [{ name: 'ETH', maxLeverage: 25, marginTableId: 56 }],
      marginTables: [[56, { description: 'tiered 25x', marginTiers: [{ lowerBound: '0.0', maxLeverage: 25 }, { lowerBound: '100000000.0', maxLeverage: 15 }] }]],
    })
    const flat = metaSchema.parse({ universe: [{ name: 'ETH', maxLeverage: 25, marginTableId: 25 }] })
    const withTiers = toHyperliquidVenueModels('0x00000000000000000000000000000000000000aa', whaleState, tiered, { kind: 'API' })[0]!.venue
    const withoutTiers = toHyperliquidVenueModels('0x00000000000000000000000000000000000000aa', whaleState, flat, { kind: 'API' })[0]!.venue
    // 120M/30 − 100M·(1/30 − 1/50) = 4M − 1.333…M
    expect(perpDetailsOf(withTiers)!.maintenanceMarginUsd).toBeCloseTo(120e6 / 30 - 100e6 * (1 / 30 - 1 / 50), 3)
    expect(perpDetailsOf(withoutTiers)!.maintenanceMarginUsd).toBeCloseTo(120e6 / 50, 3)
    // the venue's own figure is kept beside ours
    expect(perpDetailsOf(withTiers)!.venueMaintenanceMarginUsd).toBe(2666666.67)
  })
})
