import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { LiquidationPrice } from '../../../domain/venue.js'
import { perpDetailsOf } from '../../../risk/perps/toPerpVenueModel.js'
import type { LighterAccount, LighterPosition } from '../read/lighterSchemas.js'
import { toLighterVenueModels } from './toLighterVenueModels.js'

/**
 * The cases the recordings lack (shorts, isolated positions, a second cross
 * position held fixed), checked against Lighter's documented rule written out
 * here (docs.lighter.xyz, Liquidations & Insurance Fund): at the predicted
 * price, Account Value = Collateral + Σ (mark − entry)·position equals
 * Maintenance Req = Σ |position|·mark·M.
 */

const OWNER = '0x00000000000000000000000000000000000000aa' as const
/** Market ids of the built accounts: 0 ETH, 1 BTC (as on Lighter mainnet). */
const SYMBOLS = ['ETH', 'BTC'] as const

/** A position in the API's shape (built for the test, not a recording). */
function aPosition(p: { marketId: 0 | 1; sign: 1 | -1; size: number; mark: number; entry: number; isolated: boolean; allocatedUsd: number }): LighterPosition {
  return {
    market_id: p.marketId,
    symbol: SYMBOLS[p.marketId],
    initial_margin_fraction: 5,
    sign: p.sign,
    position: p.size,
    avg_entry_price: p.entry,
    position_value: p.size * p.mark,
    unrealized_pnl: p.sign * p.size * (p.mark - p.entry),
    margin_mode: p.isolated ? 1 : 0,
    allocated_margin: p.isolated ? p.allocatedUsd : 0,
  }
}

function anAccount(collateral: number, positions: LighterPosition[]): LighterAccount {
  const upnl = positions.filter((p) => p.margin_mode === 0).reduce((s, p) => s + p.unrealized_pnl, 0)
  return { account_type: 0, index: 7, l1_address: OWNER, collateral, positions, total_asset_value: collateral + upnl, cross_asset_value: collateral + upnl }
}

const priceOf = (l: LiquidationPrice | undefined) => (l?.kind === 'price' ? l.priceUsd : null)

const positionArb = fc.record({
  sign: fc.constantFrom(1 as const, -1 as const),
  size: fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
  mark: fc.double({ min: 1, max: 1e5, noNaN: true }),
  entryRatio: fc.double({ min: 0.5, max: 1.5, noNaN: true }),
  // margin per unit of notional, above the maintenance fraction so the account starts healthy
  marginOverMaintenance: fc.double({ min: 1e-3, max: 0.9, noNaN: true }),
})

describe('toLighterVenueModels: equity equals maintenance margin at the predicted liquidation price', () => {
  it('a cross ETH position, long or short, beside a BTC position held fixed', () => {
    fc.assert(
      fc.property(positionArb, positionArb, fc.integer({ min: 50, max: 500 }), fc.integer({ min: 50, max: 500 }), (eth, btc, mmfEth, mmfBtc) => {
        const mmf = [mmfEth / 1e4, mmfBtc / 1e4]
        const ethPos = aPosition({ marketId: 0, sign: eth.sign, size: eth.size, mark: eth.mark, entry: eth.mark * eth.entryRatio, isolated: false, allocatedUsd: 0 })
        const btcPos = aPosition({ marketId: 1, sign: btc.sign, size: btc.size, mark: btc.mark, entry: btc.mark * btc.entryRatio, isolated: false, allocatedUsd: 0 })
        const notional = eth.size * eth.mark * (mmf[0]! + eth.marginOverMaintenance) + btc.size * btc.mark * (mmf[1]! + btc.marginOverMaintenance)
        // collateral chosen so account value = maintenance + a positive buffer
        const collateral = notional - ethPos.unrealized_pnl - btcPos.unrealized_pnl
        const [model] = toLighterVenueModels({
          owner: OWNER,
          accounts: [anAccount(collateral, [ethPos, btcPos])],
          marketOf: (id) => ({ maintenance_margin_fraction: mmf[id]! * 1e4, closeout_margin_fraction: (mmf[id]! * 1e4 * 2) / 3 }),
          label: { kind: 'API' },
          observedAt: 0n,
        })
        const venue = model!.venue
        const ethLiq = priceOf(venue.liquidationPrices.find((l) => l.riskFactor === 'ETH'))
        // the documented rule at ETH = P*, BTC unchanged
        const accountValue = (p: number) => collateral + eth.sign * eth.size * (p - eth.mark * eth.entryRatio) + btcPos.unrealized_pnl
        const maintenance = (p: number) => eth.size * p * mmf[0]! + btc.size * btc.mark * mmf[1]!
        expect(venue.margin.equityUsd).toBeCloseTo(accountValue(eth.mark), 6)
        expect(perpDetailsOf(venue)!.maintenanceMarginUsd / maintenance(eth.mark)).toBeCloseTo(1, 12)
        if (ethLiq === null) {
          // none only where no positive price liquidates: a long whose buffer stays positive down to zero
          expect(eth.sign).toBe(1)
          expect(accountValue(0) - maintenance(0)).toBeGreaterThanOrEqual(-1e-9 * notional)
          return
        }
        const gap = Math.abs(accountValue(ethLiq) - maintenance(ethLiq)) / maintenance(ethLiq)
        expect(gap).toBeLessThan(1e-9)
        expect(ethLiq < eth.mark).toBe(eth.sign === 1)
      }),
      { numRuns: 500 },
    )
  })

  it('an isolated position is its own venue on its allocated margin, liquidating where its value meets its maintenance', () => {
    fc.assert(
      fc.property(positionArb, fc.integer({ min: 50, max: 500 }), fc.double({ min: 0, max: 1e6, noNaN: true }), (eth, mmfE4, crossCollateral) => {
        const mmf = mmfE4 / 1e4
        const entry = eth.mark * eth.entryRatio
        const upnl = eth.sign * eth.size * (eth.mark - entry)
        // allocated margin such that margin + uPnL = maintenance + a positive buffer
        const allocated = eth.size * eth.mark * (mmf + eth.marginOverMaintenance) - upnl
        const pos = aPosition({ marketId: 0, sign: eth.sign, size: eth.size, mark: eth.mark, entry, isolated: true, allocatedUsd: allocated })
        const models = toLighterVenueModels({
          owner: OWNER,
          accounts: [anAccount(crossCollateral, [pos])],
          marketOf: () => ({ maintenance_margin_fraction: mmfE4, closeout_margin_fraction: 80 }),
          label: { kind: 'API' },
          observedAt: 0n,
        })
        const isolated = models.find((m) => m.venue.id === 'lighter:7:isolated:ETH')!.venue
        expect(perpDetailsOf(isolated)!.marginMode).toBe('ISOLATED')
        // the cross venue (when it has collateral) holds no position: the isolated one does not move it
        const cross = models.find((m) => m.venue.id === 'lighter:7:cross')
        expect(cross === undefined).toBe(crossCollateral === 0)
        if (cross) expect(cross.venue.liquidationPrices.every((l) => l.kind === 'none')).toBe(true)
        const value = (p: number) => allocated + eth.sign * eth.size * (p - entry)
        const maintenance = (p: number) => eth.size * p * mmf
        expect(isolated.margin.equityUsd).toBeCloseTo(value(eth.mark), 6)
        const liq = priceOf(isolated.liquidationPrices.find((l) => l.riskFactor === 'ETH'))
        if (liq === null) {
          expect(eth.sign).toBe(1)
          return
        }
        expect(Math.abs(value(liq) - maintenance(liq)) / maintenance(liq)).toBeLessThan(1e-9)
        expect(liq < eth.mark).toBe(eth.sign === 1)
      }),
      { numRuns: 500 },
    )
  })
})
