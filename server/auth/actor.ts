// Who is doing something: a signed-in person, the reconciler, or an operator at the CLI.
import type { ActorType } from '@/db/schema/enums';

export interface Actor {
  type: ActorType;
  /** The user id for a person; absent for the system and the CLI. */
  id?: string;
  /** What the audit trail shows: an email, "reconciler", "cli:<os user>". */
  label: string;
}

export const SYSTEM_ACTOR: Actor = { type: 'system', label: 'reconciler' };
