// Times are shown in UTC, the clock AWS bills by, with the exact instant on hover. A time never
// wraps inside itself ("17:54 UTC" stays one piece).
export function UtcTime({ value }: { value: Date }) {
  const iso = value.toISOString();
  return (
    <time dateTime={iso} title={iso} className="whitespace-nowrap">
      {iso.slice(0, 16).replace('T', ' ')} UTC
    </time>
  );
}
