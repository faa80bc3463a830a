/**
 * A value that may be long (a name, an email): one line, cut with an ellipsis where its box ends,
 * the full value on hover and for screen readers alike. `className` sets the box (a max width).
 */
export function Truncated({
  value,
  className = 'max-w-full',
  testId,
}: {
  value: string;
  className?: string;
  testId?: string;
}) {
  return (
    <span data-testid={testId} title={value} className={`block truncate ${className}`}>
      {value}
    </span>
  );
}
