/**
 * Age of a feed's last update at a block and whether it is stale (older than
 * the feed's heartbeat: the feed should have updated by then even without a
 * price move). Times in unix seconds; `heartbeatSeconds` null = unknown, never stale.
 */
export function priceFreshness(
  updatedAt: bigint | null,
  heartbeatSeconds: number | null,
  blockTimestamp: bigint,
): { ageSeconds: number | null; stale: boolean } {
  if (updatedAt === null) return { ageSeconds: null, stale: false }
  const ageSeconds = Number(blockTimestamp - updatedAt)
  return { ageSeconds, stale: heartbeatSeconds !== null && ageSeconds > heartbeatSeconds }
}
