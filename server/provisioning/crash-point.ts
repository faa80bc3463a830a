// Test hook for the crash test: when ZK_CRASH_AT names this point, the process dies on the spot,
// as a kill -9 would, leaving whatever the previous calls did behind. Unset in production.
import { getConfig } from '../config/config';

export const CRASH_EXIT_CODE = 86;

export function crashPoint(name: string): void {
  if (getConfig().ZK_CRASH_AT === name) process.exit(CRASH_EXIT_CODE);
}
