// Money as the cost pages show it: dollars with cents, and the tenths of a cent Route 53's record
// price needs when there are any ($0.0015 a record).
export function formatUsd(usd: number): string {
  const cents = Math.round(usd * 100) / 100;
  return cents === usd ? `$${usd.toFixed(2)}` : `$${usd.toFixed(4)}`;
}
