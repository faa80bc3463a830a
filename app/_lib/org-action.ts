// The one chained wrapper every server action goes through:
//   authenticate -> validate FormData (zod) -> load the org through the caller's membership
//   -> check the permission -> run -> audit (the domain function does) -> typed Result.
//
// Usage, in a 'use server' file (form fields arrive as strings: use z.coerce for numbers):
//
//   export const retryProvisioningAction = orgAction({
//     permission: 'provisioning.retry',
//     input: z.object({ step: z.string().min(1) }),   // `orgSlug` is read by the wrapper
//     run: ({ store, actor, org, input }) => retryStep({ store, actor, org }, input.step),
//   });
//
// The form posts a hidden `orgSlug` field; with useActionState the action is called as
// (previousState, formData) and also works as (formData). Platform-wide actions (no org) use
// `platformAction` with a permission from PLATFORM_PERMISSIONS.
import type { z } from 'zod';
import type { Store } from '@/db/open-store';
import type { Organization } from '@/db/rows';
import type { Actor } from '@/server/auth/actor';
import { actorOf, platformRoleOf, type Caller } from '@/server/auth/caller';
import { assertPermission, getOrgForCallerOrThrow } from '@/server/auth/get-org-for-caller';
import type { Permission, Role } from '@/server/auth/permissions';
import { DomainError, type Result } from '@/server/errors/domain-error';
import { toResult } from '@/server/errors/to-result';
import { getStore } from '@/server/store';
import { getCaller } from './get-caller';

export interface ActionContext<I> {
  store: Store;
  caller: Caller;
  actor: Actor;
  input: I;
}

export interface OrgActionContext<I> extends ActionContext<I> {
  org: Organization;
  role: Role;
}

export type FormAction<T> = (...args: [FormData] | [unknown, FormData]) => Promise<Result<T>>;

export function orgAction<S extends z.ZodType, T>(spec: {
  permission: Permission;
  input: S;
  run: (context: OrgActionContext<z.infer<S>>) => Promise<T>;
}): FormAction<T> {
  return (...args) =>
    toResult(async () => {
      const { store, caller, formData } = await authenticate(args);
      const slug = formData.get('orgSlug');
      if (typeof slug !== 'string' || slug === '') {
        throw new DomainError('invalid_input', 'The form did not say which organization.');
      }
      const input = parseInput(spec.input, formData);
      // Load before checking the permission: another org's resource answers not_found, never
      // forbidden, so a name cannot be probed.
      const { org, role } = await getOrgForCallerOrThrow(store, caller, slug);
      assertPermission(role, spec.permission);
      return spec.run({ store, caller, actor: actorOf(caller), input, org, role });
    });
}

export function platformAction<S extends z.ZodType, T>(spec: {
  permission: Permission;
  input: S;
  run: (context: ActionContext<z.infer<S>>) => Promise<T>;
}): FormAction<T> {
  return (...args) =>
    toResult(async () => {
      const { store, caller, formData } = await authenticate(args);
      const input = parseInput(spec.input, formData);
      assertPermission(platformRoleOf(caller), spec.permission);
      return spec.run({ store, caller, actor: actorOf(caller), input });
    });
}

async function authenticate(args: [FormData] | [unknown, FormData]) {
  const caller = await getCaller();
  if (!caller) {
    throw new DomainError('unauthenticated', 'Your session has ended. Sign in again.');
  }
  const formData = args.length === 1 ? args[0] : args[1];
  if (!(formData instanceof FormData)) {
    throw new DomainError('invalid_input', 'This action expects a form submission.');
  }
  return { store: await getStore(), caller, formData };
}

function parseInput<S extends z.ZodType>(schema: S, formData: FormData): z.infer<S> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData) {
    // Framework fields ($ACTION_…) and the org selector are not input of the action.
    if (typeof value === 'string' && !key.startsWith('$') && key !== 'orgSlug') {
      values[key] = value;
    }
  }
  const parsed = schema.safeParse(values);
  if (parsed.success) return parsed.data;
  const fields: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) {
    (fields[String(issue.path[0] ?? 'form')] ??= []).push(issue.message);
  }
  throw new DomainError('invalid_input', 'Check the highlighted fields.', fields);
}
