'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { orgAction } from '@/app/_lib/org-action';
import { deleteCluster } from '@/server/clusters/delete-cluster';
import { saveClusterRegistration } from '@/server/clusters/save-cluster-registration';
import { requestRedeploy } from '@/server/clusters/request-redeploy';
import { setClusterStatus } from '@/server/clusters/set-cluster-status';
import { DomainError } from '@/server/errors/domain-error';
import { nudgeReconciler } from '@/server/provisioning/reconciler-loop';
import { parseTlsNamespaces, setTlsNamespaces } from '@/server/tls/set-tls-namespaces';

// Only text here; the domain functions check the values and say what is wrong at each field.
// Delivery is the reconciler's work: the actions record what is wanted, nudge it and return.

const clustersPath = (slug: string) => `/orgs/${slug}/clusters`;

export const registerClusterAction = orgAction({
  permission: 'clusters.write',
  input: z.object({
    name: z.string().default(''),
    policy: z.string().default(''),
    txtPrefix: z.string().default(''),
    txtSuffix: z.string().default(''),
    connection: z.string().default(''),
    kubeconfig: z.string().default(''),
  }),
  run: async ({ store, actor, org, input }) => {
    const { cluster, statusToken } = await saveClusterRegistration(
      { store, actor, org },
      {
        name: input.name,
        policy: input.policy,
        txtPrefix: input.txtPrefix,
        txtSuffix: input.txtSuffix,
        connection:
          input.connection === 'manual'
            ? { kind: 'manual' }
            : { kind: 'kubeconfig', kubeconfig: input.kubeconfig },
      },
    );
    nudgeReconciler();
    revalidatePath(clustersPath(org.slug));
    revalidatePath(`/orgs/${org.slug}`);
    // The token is shown this once; only its hash is stored.
    return { name: cluster.name, uid: cluster.uid, statusToken };
  },
});

const clusterName = z.string().min(1, 'The form did not say which cluster.');

export const setClusterStatusAction = orgAction({
  permission: 'clusters.write',
  input: z.object({ name: clusterName, status: z.string().default('') }),
  run: async ({ store, actor, org, input }) => {
    const set = await setClusterStatus({ store, actor, org }, input);
    revalidatePath(clustersPath(org.slug));
    return { name: set.name, status: set.status };
  },
});

export const redeployClusterAction = orgAction({
  permission: 'clusters.write',
  input: z.object({ name: clusterName }),
  run: async ({ store, actor, org, input }) => {
    const requested = await requestRedeploy({ store, actor, org }, input);
    nudgeReconciler();
    revalidatePath(clustersPath(org.slug));
    return requested;
  },
});

export const deleteClusterAction = orgAction({
  permission: 'clusters.write',
  input: z.object({ name: clusterName, confirm: z.string().default('') }),
  run: async ({ store, actor, org, input }) => {
    if (input.confirm.trim() !== input.name) {
      throw new DomainError('invalid_input', 'Check the highlighted fields.', {
        confirm: [`Type the cluster's name, ${input.name}, to confirm its deletion.`],
      });
    }
    const work = await deleteCluster({ store, actor, org }, { name: input.name });
    nudgeReconciler();
    // No revalidatePath: it would render the page this form is on again, the deleted cluster's,
    // which is now a 404 and would take the answer (what remains to be done) with it. The pages
    // read the store on every request, and the live views read it again at once.
    return { name: input.name, steps: work.steps };
  },
});

// The namespaces that receive the org's and the cluster's TLS Secrets; the reconciler then
// delivers to the new ones and removes the Secrets of those no longer listed.
export const setTlsNamespacesAction = orgAction({
  permission: 'clusters.write',
  input: z.object({ name: clusterName, namespaces: z.string().default('') }),
  run: async ({ store, actor, org, input }) => {
    const namespaces = await setTlsNamespaces(
      { store, actor, org },
      { cluster: input.name, namespaces: parseTlsNamespaces(input.namespaces) },
    );
    nudgeReconciler();
    revalidatePath(clustersPath(org.slug));
    return { namespaces };
  },
});
