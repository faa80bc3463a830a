'use client';

import Link from 'next/link';
import { useActionState, useState } from 'react';
import { registerClusterAction } from '@/app/orgs/[slug]/clusters/actions';
import { refreshLiveData } from '@/components/live/use-live-data';
import { Card } from '@/components/ui/card';
import { Field } from '@/components/ui/field';
import { FormError, FormSuccess } from '@/components/ui/form-message';
import { SelectField } from '@/components/ui/select-field';
import { SubmitButton } from '@/components/ui/submit-button';
import type { Result } from '@/server/errors/domain-error';
import { KubeconfigField } from './kubeconfig-field';
import { StatusTokenBox } from './status-token-box';
import { clusterListKey } from './use-cluster-views';

interface Typed {
  name: string;
  policy: string;
  txtPrefix: string;
  txtSuffix: string;
  connection: string;
}

interface State {
  result: Result<{ name: string; uid: string; statusToken: string }>;
  /** Kept here, in the browser, to show again on failure; never the kubeconfig. */
  typed: Typed;
}

const POLICIES = [
  { value: 'sync', label: 'sync: creates, updates and deletes its records' },
  { value: 'upsert-only', label: 'upsert-only: never deletes a record' },
];
const CONNECTIONS = [
  { value: 'kubeconfig', label: 'Kubeconfig: Zonekeeper delivers ExternalDNS' },
  { value: 'manual', label: 'Manual: I apply the manifest' },
];
const EMPTY: Typed = {
  name: '',
  policy: 'sync',
  txtPrefix: '',
  txtSuffix: '',
  connection: 'kubeconfig',
};

export function RegisterClusterForm({ orgSlug }: { orgSlug: string }) {
  const [state, formAction, pending] = useActionState<State | null, FormData>(
    async (_previous, formData) => {
      const text = (name: keyof Typed) => String(formData.get(name) ?? '');
      const result = await registerClusterAction(formData);
      if (result.ok) await refreshLiveData(clusterListKey(orgSlug));
      return {
        result,
        typed: {
          name: text('name'),
          policy: text('policy'),
          txtPrefix: text('txtPrefix'),
          txtSuffix: text('txtSuffix'),
          connection: text('connection'),
        },
      };
    },
    null,
  );
  const failure = state && !state.result.ok ? state.result.error : undefined;
  const registered = state?.result.ok ? state.result.data : undefined;
  const typed = failure ? state!.typed : EMPTY;
  const fields = failure?.fields;
  return (
    <Card
      id="register-cluster"
      title="Register a cluster"
      description={
        <>
          Its name becomes part of its domain (
          <span className="font-mono">&lt;name&gt;.{orgSlug}.…</span>). With a kubeconfig,
          Zonekeeper checks the API answers, then delivers ExternalDNS with the org&apos;s key;
          manual clusters get a manifest to apply.
        </>
      }
    >
      <form
        // A new key after each answer restores what was typed on failure, clears on success.
        key={JSON.stringify(state)}
        action={formAction}
        noValidate
        aria-labelledby="register-cluster-title"
        className="mt-5 flex min-w-0 flex-col gap-4"
      >
        <input type="hidden" name="orgSlug" value={orgSlug} />
        <div className="grid min-w-0 gap-5 sm:grid-cols-2">
          <Field
            name="name"
            label="Name"
            placeholder="prod"
            autoComplete="off"
            spellCheck={false}
            maxLength={63}
            defaultValue={typed.name}
            errors={fields?.name}
          />
          <SelectField
            name="policy"
            label="ExternalDNS policy"
            options={POLICIES}
            defaultValue={typed.policy || 'sync'}
            errors={fields?.policy}
          />
          <Field
            name="txtPrefix"
            label="TXT prefix (optional)"
            autoComplete="off"
            spellCheck={false}
            defaultValue={typed.txtPrefix}
            errors={fields?.txtPrefix}
          />
          <Field
            name="txtSuffix"
            label="TXT suffix (optional)"
            hint="Prefix or suffix, not both: ExternalDNS takes one."
            autoComplete="off"
            spellCheck={false}
            defaultValue={typed.txtSuffix}
            errors={fields?.txtSuffix}
          />
        </div>
        <ConnectionChoice
          initial={typed.connection || 'kubeconfig'}
          errors={fields}
          kubeconfigDropped={Boolean(failure)}
        />
        {failure && !fields && <FormError>{failure.message}</FormError>}
        {failure && fields && (
          <FormError>Not registered: check the highlighted fields. Nothing was stored.</FormError>
        )}
        {registered && (
          <FormSuccess>
            Registered{' '}
            <Link
              href={`/orgs/${orgSlug}/clusters/${registered.name}`}
              className="font-mono font-semibold underline"
            >
              {registered.name}
            </Link>{' '}
            with UID <span className="font-mono">{registered.uid}</span>.
          </FormSuccess>
        )}
        {registered && <StatusTokenBox uid={registered.uid} token={registered.statusToken} />}
        <div className="flex justify-end">
          <SubmitButton pending={pending} pendingLabel="Checking and registering…">
            Register cluster
          </SubmitButton>
        </div>
      </form>
    </Card>
  );
}

/** Kubeconfig or manual; the kubeconfig box only for the first. Remounted with each answer. */
function ConnectionChoice({
  initial,
  errors,
  kubeconfigDropped,
}: {
  initial: string;
  errors?: Record<string, string[]>;
  kubeconfigDropped: boolean;
}) {
  const [connection, setConnection] = useState(initial);
  return (
    <>
      <fieldset className="flex min-w-0 flex-col gap-2">
        <legend className="text-sm font-medium text-slate-700">Connection</legend>
        <div className="flex flex-wrap gap-x-6 gap-y-2 text-sm text-slate-700">
          {CONNECTIONS.map((option) => (
            <label key={option.value} className="flex items-center gap-2">
              <input
                type="radio"
                name="connection"
                value={option.value}
                checked={connection === option.value}
                onChange={() => setConnection(option.value)}
              />
              {option.label}
            </label>
          ))}
        </div>
        {errors?.connection && (
          <p role="alert" className="text-sm text-red-700">
            {errors.connection.join(' ')}
          </p>
        )}
      </fieldset>
      {connection !== 'manual' && (
        <KubeconfigField
          errors={errors?.kubeconfig}
          dropped={kubeconfigDropped && initial !== 'manual'}
        />
      )}
    </>
  );
}
