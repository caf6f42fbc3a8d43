import type { AssetExposure } from '../../src/domain/riskFactor.js'
import type { AvailableVenue, Protocol, VenueDetails, VenuePosition } from '../../src/domain/venue.js'

/** Test builder: one position line worth `valueUsd`. */
export function aPosition(p: { symbol: string; exposure?: AssetExposure; side?: VenuePosition['side']; valueUsd: number; weight?: number }): VenuePosition {
  const side = p.side ?? 'COLLATERAL'
  return {
    asset: { symbol: p.symbol, address: '0x0000000000000000000000000000000000000001', decimals: 18, exposure: p.exposure ?? { base: p.symbol } },
    side,
    amount: 1n,
    amountFloat: 1,
    valueUsd: p.valueUsd,
    price: { priceE8: 1n, priceUsd: 1, oracle: '0x0000000000000000000000000000000000000002', feed: null, updatedAt: null, heartbeatSeconds: null, ageSeconds: null, stale: false },
    maintenanceWeight: side === 'DEBT' ? 1 : (p.weight ?? 0.8),
    initialWeight: side === 'DEBT' ? 1 : (p.weight ?? 0.8) - 0.05,
    liquidationBonus: side === 'DEBT' ? null : 0.05,
    variableDebt: side === 'DEBT' ? 1n : null,
    stableDebt: side === 'DEBT' ? 0n : null,
    perp: null,
  }
}

/** Test builder: an available venue whose margin figures follow from its positions. */
export function aVenue(id: string, positions: VenuePosition[], healthFactor = 1.5): AvailableVenue {
  const assets = positions.filter((p) => p.side !== 'DEBT').reduce((s, p) => s + p.valueUsd, 0)
  const debt = positions.filter((p) => p.side === 'DEBT').reduce((s, p) => s + p.valueUsd, 0)
  const weighted = positions.filter((p) => p.side !== 'DEBT').reduce((s, p) => s + p.valueUsd * p.maintenanceWeight, 0)
  return {
    status: 'available',
    id,
    protocol: 'TEST' as Protocol,
    chainId: 1,
    account: '0x0000000000000000000000000000000000000003',
    market: '0x0000000000000000000000000000000000000004',
    protocolVersion: '3.0',
    block: { chainId: 1, blockNumber: 1n, blockHash: null, timestamp: 1n },
    source: { kind: 'CHAIN' },
    positions,
    health: debt > 0 ? { kind: 'ok', healthFactorWad: BigInt(Math.round(healthFactor * 1e6)) * 10n ** 12n, healthFactor, liquidatable: healthFactor < 1 } : { kind: 'noDebt' },
    margin: {
      collateralUsd: assets,
      debtUsd: debt,
      equityUsd: assets - debt,
      weightedCollateralUsd: weighted,
      maintenanceMarginUsd: assets - weighted,
      initialMarginUsd: assets - weighted + 0.05 * assets,
      totalCollateralBase: 0n,
      totalDebtBase: 0n,
      avgLiquidationThresholdBps: 0n,
      avgLtvBps: 0n,
    },
    liquidationPrices: [],
    formula: 'test',
    // the portfolio views read no protocol's details
    details: { protocol: 'TEST' } as unknown as VenueDetails,
    stalePrices: [],
    closeFactor: 1,
    liquidationBlocked: false,
    timeToLiquidationSeconds: null,
  }
}
