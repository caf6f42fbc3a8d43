import { toFloat, WAD } from '../../../math/fixedPoint.js'
import { factorsOf, type RiskFactorId } from '../../../domain/riskFactor.js'
import type { AvailableVenue, LiquidationPrice, VenueMargin, VenuePosition } from '../../../domain/venue.js'
import type { VenueModel } from '../../../risk/venueModel.js'
import { liquidationPriceOf, uniformMoveOf } from '../../../risk/shockSearch.js'
import { computeAaveV3AccountData, type AaveV3AccountData, type PriceOf } from './computeAaveV3AccountData.js'
import { simulateAaveV3LiquidationCascade, summarizeAaveV3Steps, type AaveV3DeficitCreated, type AaveV3LiquidationStep } from './simulateAaveV3Liquidation.js'
import { applyAaveV3Actions, moveAaveV3Prices } from './applyAaveV3Actions.js'
import { aaveV3ShockModel, isAaveV3Liquidatable } from './aaveV3Shock.js'
import { aaveV3Details, aaveV3LiquidationGate, aaveV3VenueCloseFactor, isAaveV3LiquidationBlocked } from './aaveV3Rules.js'
import { priceFreshness } from '../../../risk/freshness.js'
import { toAaveV3Kernel } from './aaveV3Kernel.js'
import { applyMoves, moveMultiplier } from '../../../risk/shock.js'
import { secondsToLiquidation, TIME_TO_LIQUIDATION_HORIZON_SECONDS } from '../../../risk/timeToLiquidation.js'
import type { AaveV3AccountState, AaveV3ReserveState } from './types.js'
import { AAVE_V3_FLAVOR, type AaveV3Flavor } from './aaveV3Flavor.js'

const USD_E8 = 10n ** 8n

/** Formula the venue's health factor reproduces (v3.0 logic). */
export const AAVE_V3_HEALTH_FORMULA =
  'Aave V3 GenericLogic.calculateUserAccountData: HF = percentMul(Σ collateral_i, ⌊Σ collateral_i·LT_i / Σ collateral_i⌋).wadDiv(Σ debt_j), base currency USD 1e8'

/** Formula the venue's health factor reproduces on v3.6/v3.7 logic (GenericLogic at v3.6.0). */
export const AAVE_V3_6_HEALTH_FORMULA =
  'Aave V3.6 GenericLogic.calculateUserAccountData: HF = ⌊(Σ ⌊collateral_i⌋·LT_i).wadDiv(Σ ⌈debt_j⌉) / 1e4⌋, collateral and LT of every enabled collateral (LT 0 included), eMode LT in the category\'s collateral bitmap, base currency USD 1e8'

/** Venue id, stable across blocks and unique across owners: `<key>:<chainId>:<pool>:<account>`, key `aave-v3` or `sparklend`. */
export function aaveV3VenueId(chainId: number, pool: string, account: string, key: AaveV3Flavor['key'] = AAVE_V3_FLAVOR.key): string {
  return `${key}:${chainId}:${pool}:${account}`
}

/**
 * Normalizes an Aave V3 account into xmargin's margin model and attaches its
 * exact model: health factor equal to the contract's, liquidation price per
 * risk factor (others fixed) found on the contract's own integer arithmetic.
 * `protocolVersion` is the label venues show (the deployment's release);
 * `flavor` says whose Pool it is (Aave's, or SparkLend's), default Aave.
 */
export function toAaveV3VenueModel(state: AaveV3AccountState, protocolVersion: string, flavor: AaveV3Flavor = AAVE_V3_FLAVOR): VenueModel {
  const data = computeAaveV3AccountData(state)
  const venue = toAaveV3Venue(state, data, protocolVersion, flavor)
  const positions = venue.positions
  return {
    venue,
    kernel: toAaveV3Kernel(venue.id, state, data),
    liquidationUnderUniformMove: (factors, direction) => uniformMoveOf(aaveV3ShockModel(state, data), factors, direction),
    simulate(moves, actions) {
      const r = applyAaveV3Actions(moveAaveV3Prices(state, moves), actions)
      return { model: toAaveV3VenueModel(r.state, protocolVersion, flavor), warnings: r.warnings }
    },
    liquidate(moves) {
      const priceOf: PriceOf = (reserve, price) => applyMoves(price, reserve.exposure, moves)
      const exactSteps = simulateAaveV3LiquidationCascade(state, priceOf)
      const steps = summarizeAaveV3Steps(exactSteps, priceOf)
      return { venueId: venue.id, steps, costUsd: steps.reduce((s, x) => s + x.costUsd, 0), exact: true, note: aaveV3CascadeNote(exactSteps, priceOf) }
    },
    evaluate(moves) {
      const moved = computeAaveV3AccountData(state, (reserve, price) => applyMoves(price, reserve.exposure, moves))
      // equity over every line, supply lines included, at the moved prices
      const equityUsd = positions.reduce((s, p) => s + (p.side === 'DEBT' ? -1 : 1) * p.valueUsd * moveMultiplier(p.asset.exposure, moves), 0)
      return {
        healthFactor: moved.healthFactorWad === null ? null : toFloat(moved.healthFactorWad, WAD),
        liquidatable: isAaveV3Liquidatable(moved),
        equityUsd,
      }
    },
  }
}

/** The venue: its lines, health as the contract computes it (WAD), margin figures in USD, liquidation prices, close factor and the liquidation gate. */
function toAaveV3Venue(state: AaveV3AccountState, data: AaveV3AccountData, protocolVersion: string, flavor: AaveV3Flavor): AvailableVenue {
  const gate = state.sentinel ? aaveV3LiquidationGate(state.sentinel, state.timestamp) : null
  const positions = toPositions(state, data)
  return {
    status: 'available',
    id: aaveV3VenueId(state.chainId, state.pool, state.account, flavor.key),
    protocol: flavor.protocol,
    chainId: state.chainId,
    account: state.account,
    market: state.pool,
    protocolVersion,
    block: state.block,
    source: { kind: 'CHAIN' },
    positions,
    health:
      data.healthFactorWad === null
        ? { kind: 'noDebt' }
        : {
            kind: 'ok',
            healthFactorWad: data.healthFactorWad,
            healthFactor: toFloat(data.healthFactorWad, WAD),
            liquidatable: isAaveV3Liquidatable(data),
          },
    margin: toAaveV3Margin(positions, data),
    liquidationPrices: liquidationPrices(state, data),
    formula: state.version === '3.0' ? AAVE_V3_HEALTH_FORMULA : AAVE_V3_6_HEALTH_FORMULA,
    details: { protocol: flavor.protocol, ...aaveV3Details(state, data, gate) },
    stalePrices: [...new Set(positions.filter((p) => p.price.stale).map((p) => p.asset.symbol))],
    closeFactor: aaveV3VenueCloseFactor(state, data),
    liquidationBlocked: isAaveV3LiquidationBlocked(state, data.healthFactorWad, gate),
    timeToLiquidationSeconds:
      data.healthFactorWad === null
        ? null
        : secondsToLiquidation((dt) => isAaveV3Liquidatable(computeAaveV3AccountData({ ...state, timestamp: state.timestamp + dt })), TIME_TO_LIQUIDATION_HORIZON_SECONDS),
  }
}

/** Margin figures: the lines' USD values weighted by liquidation threshold (maintenance) and LTV (initial), and the contract's base-currency totals (USD·1e8) and averages (bps). */
function toAaveV3Margin(positions: readonly VenuePosition[], data: AaveV3AccountData): VenueMargin {
  const assetsUsd = positions.filter((p) => p.side !== 'DEBT').reduce((s, p) => s + p.valueUsd, 0)
  const debtUsd = positions.filter((p) => p.side === 'DEBT').reduce((s, p) => s + p.valueUsd, 0)
  const weighted = (w: (p: VenuePosition) => number) =>
    positions.filter((p) => p.side !== 'DEBT').reduce((s, p) => s + w(p) * p.valueUsd, 0)
  const weightedCollateralUsd = weighted((p) => p.maintenanceWeight)
  return {
    collateralUsd: assetsUsd,
    debtUsd,
    equityUsd: assetsUsd - debtUsd,
    weightedCollateralUsd,
    maintenanceMarginUsd: assetsUsd - weightedCollateralUsd,
    initialMarginUsd: assetsUsd - weighted((p) => p.initialWeight),
    totalCollateralBase: data.totalCollateralBase,
    totalDebtBase: data.totalDebtBase,
    avgLiquidationThresholdBps: data.avgLiquidationThresholdBps,
    avgLtvBps: data.avgLtvBps,
  }
}

/** The account's lines: per reserve a supply (COLLATERAL or SUPPLY) and a DEBT line where nonzero, token amounts with their USD values at the oracle price (USD·1e8). */
function toPositions(state: AaveV3AccountState, data: AaveV3AccountData): VenuePosition[] {
  const out: VenuePosition[] = []
  for (const f of data.reserves) {
    const r = f.reserve
    const unit = 10n ** BigInt(r.decimals)
    const asset = { symbol: r.symbol, address: r.asset, decimals: r.decimals, exposure: r.exposure }
    const price = {
      priceE8: f.priceE8,
      priceUsd: toFloat(f.priceE8, USD_E8),
      oracle: state.oracle,
      feed: r.feed,
      updatedAt: r.feedUpdatedAt,
      heartbeatSeconds: r.feedHeartbeatSeconds,
      ...priceFreshness(r.feedUpdatedAt, r.feedHeartbeatSeconds, state.block.timestamp),
    }
    // token units · USD 1e8 / 10^decimals → USD float
    const usd = (amount: bigint) => toFloat(amount * f.priceE8, unit * USD_E8)
    if (f.supplied > 0n) {
      out.push({
        asset,
        side: f.isCollateral ? 'COLLATERAL' : 'SUPPLY',
        amount: f.supplied,
        amountFloat: toFloat(f.supplied, unit),
        valueUsd: usd(f.supplied),
        price,
        maintenanceWeight: f.isCollateral ? Number(f.liquidationThresholdBps) / 1e4 : 0,
        initialWeight: f.isCollateral ? Number(f.ltvBps) / 1e4 : 0,
        liquidationBonus: Number(f.liquidationBonusBps) / 1e4 - 1,
        variableDebt: null,
        stableDebt: null,
        perp: null,
      })
    }
    const debt = f.variableDebt + f.stableDebt
    if (debt > 0n) {
      out.push({
        asset,
        side: 'DEBT',
        amount: debt,
        amountFloat: toFloat(debt, unit),
        valueUsd: usd(debt),
        price,
        maintenanceWeight: 1,
        initialWeight: 1,
        liquidationBonus: null,
        variableDebt: f.variableDebt,
        stableDebt: f.stableDebt,
        perp: null,
      })
    }
  }
  return out
}

/**
 * The reserve whose feed quotes a factor: for a base factor an asset priced
 * by it alone (WETH for ETH), for a ratio factor the asset carrying it
 * (wstETH for WSTETH_ETH); assets the account holds are preferred.
 */
function referenceReserve(
  state: AaveV3AccountState,
  data: AaveV3AccountData,
  factor: RiskFactorId,
): AaveV3ReserveState | undefined {
  const held = new Set(data.reserves.map((f) => f.reserve.id))
  const candidates = state.reserves
    .filter((r) =>
      r.exposure.ratio === factor || (r.exposure.base === factor && r.exposure.ratio === undefined),
    )
    .filter((r) => r.priceE8 > 0n)
  return candidates.find((r) => held.has(r.id)) ?? candidates[0]
}

function liquidationPrices(state: AaveV3AccountState, data: AaveV3AccountData): LiquidationPrice[] {
  const model = aaveV3ShockModel(state, data)
  const factors = [...new Set(data.reserves.flatMap((f) => factorsOf(f.reserve.exposure)))].sort()
  return factors.map((factor) => {
    const ref = referenceReserve(state, data, factor)
    return liquidationPriceOf(model, factor, ref ? { symbol: ref.symbol, priceE8: ref.priceE8 } : null)
  })
}

/**
 * What the cascade's USD steps cannot show: the bad debt its calls wrote off to
 * the reserves' deficits (v3.3+ DeficitCreated, token amounts at the scenario's
 * prices, USD floats for display); null when there is none.
 */
function aaveV3CascadeNote(steps: readonly AaveV3LiquidationStep[], priceOf: PriceOf): string | null {
  const deficits = steps.flatMap((s) => s.deficits)
  if (deficits.length === 0) return null
  const usdOf = (d: AaveV3DeficitCreated) => toFloat(d.amount * priceOf(d.reserve, d.reserve.priceE8), 10n ** BigInt(d.reserve.decimals) * USD_E8)
  const total = deficits.reduce((s, d) => s + usdOf(d), 0)
  return `No collateral left: ${deficits.map((d) => `${toFloat(d.amount, 10n ** BigInt(d.reserve.decimals))} ${d.reserve.symbol}`).join(', ')} (≈ $${total.toFixed(2)}) of debt written off to the reserves' deficits.`
}
