/**
 * A hypothetical action on one venue, applied to its current state without a
 * transaction. Amounts are decimal strings in whole tokens of `asset` (its
 * symbol on that venue). SUPPLY/WITHDRAW: collateral or supply (Morpho: the
 * collateral token, or the loan token as a lender); BORROW/REPAY: debt
 * (Aave: variable rate; repay takes variable debt first, then stable).
 */
export type VenueAction = {
  readonly venueId: string
  readonly kind: 'SUPPLY' | 'WITHDRAW' | 'BORROW' | 'REPAY'
  readonly asset: string
  readonly amount: string
}

/** What a simulation applied, and what the protocols would have refused. */
export type SimulationInfo = {
  readonly actions: readonly VenueAction[]
  readonly priceMoves: Readonly<Record<string, number>>
  /** Actions the protocol would revert (e.g. a borrow beyond the LTV): the numbers show the state as if it had not. */
  readonly warnings: readonly string[]
}
