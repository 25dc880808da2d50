/** Delay before redelivery number `deliveryCount + 1`: doubling from `baseMs`, capped at `maxMs`. */
export function retryDelay(deliveryCount: number, baseMs: number, maxMs: number): number {
  const exponent = Math.min(Math.max(deliveryCount - 1, 0), 30);
  return Math.min(baseMs * 2 ** exponent, maxMs);
}
