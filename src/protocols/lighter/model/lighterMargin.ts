import type { PerpLiquidationRule } from '../../../risk/kernel/venueKernel.js'

/**
 * Lighter's margin rule (docs.lighter.xyz, Perpetual Futures › Liquidations &
 * Insurance Fund), per account, S_i = |position_i|:
 *   Account Value        = Collateral + Σ (mark_i − avgEntry_i) · position_i
 *   Maintenance Req      = Σ S_i · mark_i · M_i
 *   Close-out Req        = Σ S_i · mark_i · C_i     (C_i < M_i < I_i)
 * Partial liquidation starts when Account Value < Maintenance Req; below the
 * close-out requirement the insurance fund takes every position and the
 * remaining collateral. M_i and C_i are the market's
 * `maintenance_margin_fraction` and `closeout_margin_fraction` from
 * `orderBookDetails`, in units of 1e-4 (ETH: 120 = 1.2%, 80 = 0.8%).
 *
 * Liquidation price of one position with everything else fixed (the value
 * where Account Value = Maintenance Req, linear in the mark):
 *   P* = P − side · (AccountValue − MaintenanceReq) / (|s| · (1 − side · M))
 * side = +1 long, −1 short. It reproduces the recorded `liquidation_price`
 * of account 1077 (ETH long 18.0193, cross; ccxt recording) to ~1e-16
 * relative with M = 1.2%.
 */
export const LIGHTER_RULE = 'lighter-v1'

/** Units of Lighter's integer margin fractions: 1e-4 (120 → 0.012). */
export const LIGHTER_FRACTION_SCALE = 10_000

/** A market's integer fraction (units of 1e-4) as a fraction of notional. */
export function toLighterFraction(fractionE4: number): number {
  return fractionE4 / LIGHTER_FRACTION_SCALE
}

/**
 * How Lighter liquidates (same docs page), as the shared engine's
 * `marketClose` rule: below maintenance the engine closes positions with IoC
 * orders at the "zero price" (which keeps account value / maintenance
 * unchanged), here every position closed at the mark; below the close-out
 * requirement the insurance fund takes the positions and all the collateral
 * (`backstopRatio` = close-out / maintenance requirement of the account at
 * its current marks: exact where its markets share one C/M ratio, as ETH's
 * 80/120 = 2/3). The up-to-1% liquidation fee on fills better than the zero
 * price is not modelled.
 * @param backstopRatio Σ|s|·P·C / Σ|s|·P·M of the account, in (0, 1).
 */
export function lighterLiquidation(backstopRatio: number): { rule: PerpLiquidationRule; note(backstop: boolean): string } {
  return {
    rule: { kind: 'marketClose', partialThresholdUsd: 0, partialShare: 1, backstopRatio },
    note: (backstop) =>
      backstop
        ? 'close-out: account value below the close-out margin requirement, so the insurance fund takes every position and the remaining collateral (Lighter docs, Liquidations & Insurance Fund)'
        : 'partial liquidation: positions closed by IoC orders at the zero price, modelled at the mark; the up-to-1% liquidation fee is not modelled',
  }
}
