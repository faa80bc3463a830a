import { Fragment } from 'react';

// Where an identifier may wrap: after the separators of host names, ARNs, paths and ids.
const SEPARATOR = /([./:_@-])/;

/**
 * An identifier (zone name, ARN, Vault path, key id) in monospace that wraps only after its
 * separators when it does not fit, never in the middle of a label.
 */
export function Identifier({ value, testId }: { value: string; testId?: string }) {
  const parts = value.split(SEPARATOR);
  return (
    <span data-testid={testId} className="font-mono">
      {parts.map((part, index) =>
        SEPARATOR.test(part) ? (
          <Fragment key={index}>
            {part}
            <wbr />
          </Fragment>
        ) : (
          <Fragment key={index}>{part}</Fragment>
        ),
      )}
    </span>
  );
}
