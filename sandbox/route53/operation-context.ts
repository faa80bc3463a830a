// What every Route 53 operation handler receives from the router, and what it returns.
import { route53Errors } from './route53-errors';
import type { ZoneStore } from './zone-store';

export interface OperationContext {
  store: ZoneStore;
  pathParams: string[];
  query: URLSearchParams;
  body: string;
  /** Throws AccessDenied unless the caller's policies allow this operation on `resourceArn`. */
  authorize(resourceArn: string): void;
  /**
   * Marks the zone busy until this change is answered; throws PriorRequestNotComplete while an
   * earlier change to the zone is still being processed.
   */
  beginZoneChange(zoneId: string): void;
}

export interface OperationResult {
  status: number;
  body: string;
  headers?: Record<string, string>;
}

export type OperationHandler = (context: OperationContext) => OperationResult;

export const zoneArn = (zoneId: string) => `arn:aws:route53:::hostedzone/${zoneId}`;
export const changeArn = (changeId: string) => `arn:aws:route53:::change/${changeId}`;

/** MaxItems as Route 53 reads it: a positive integer, capped at the operation's page limit. */
export function readMaxItems(query: URLSearchParams, fallback: number, cap: number): number {
  const raw = query.get('maxitems');
  if (raw === null) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1) {
    throw route53Errors.invalidInput(`MaxItems must be a positive integer, not '${raw}'.`);
  }
  return Math.min(Number(raw), cap);
}
