// Times are shown in UTC, the clock AWS bills by, with the exact instant on hover.
export function UtcTime({ value }: { value: Date }) {
  const iso = value.toISOString();
  return (
    <time dateTime={iso} title={iso}>
      {iso.slice(0, 16).replace('T', ' ')} UTC
    </time>
  );
}
