// Field ownership and server-side apply, the pure rules under the sandbox Kubernetes API.
import { describe, expect, it } from 'vitest';
import { fromFieldsV1, leafPaths, toFieldsV1, type JsonObject } from '@/sandbox/kube/field-paths';
import {
  applyConfiguration,
  describeConflicts,
  recordUpdate,
  type ManagedFieldsEntry,
} from '@/sandbox/kube/server-side-apply';

const context = (manager: string) => ({
  manager,
  apiVersion: 'apps/v1',
  time: '2026-01-01T00:00:00Z',
});

const deployment = (spec: JsonObject, labels?: Record<string, string>): JsonObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default', ...(labels ? { labels } : {}) },
  spec,
});

function apply(
  live: JsonObject | undefined,
  fields: ManagedFieldsEntry[],
  applied: JsonObject,
  manager: string,
  force = false,
) {
  const result = applyConfiguration(live, fields, applied, context(manager), force);
  if (!result.ok) throw new Error(`unexpected conflicts: ${JSON.stringify(result.conflicts)}`);
  return result;
}

const owned = (entries: ManagedFieldsEntry[], manager: string) =>
  fromFieldsV1(entries.find((entry) => entry.manager === manager)?.fieldsV1 ?? {}).map((path) =>
    path.join('.'),
  );

describe('field paths', () => {
  it('lists leaves, skipping server-owned fields, status and nulls; lists are one leaf', () => {
    const object = {
      apiVersion: 'v1',
      kind: 'X',
      metadata: { name: 'n', uid: 'u', resourceVersion: '1', labels: { a: '1' } },
      spec: { list: [1, 2], nested: { deep: true, empty: {} }, gone: null },
      status: { phase: 'x' },
    };
    expect(leafPaths(object).map((path) => path.join('.'))).toEqual([
      'metadata.labels.a',
      'spec.list',
      'spec.nested.deep',
      'spec.nested.empty',
    ]);
  });

  it('round-trips through the FieldsV1 encoding', () => {
    const paths = [
      ['spec', 'replicas'],
      ['spec', 'template', 'metadata', 'labels', 'app'],
      ['metadata', 'labels', 'x.io/y'],
    ];
    const encoded = toFieldsV1(paths);
    expect(encoded).toEqual({
      'f:spec': {
        'f:replicas': {},
        'f:template': { 'f:metadata': { 'f:labels': { 'f:app': {} } } },
      },
      'f:metadata': { 'f:labels': { 'f:x.io/y': {} } },
    });
    expect(fromFieldsV1(encoded)).toEqual(expect.arrayContaining(paths));
    expect(fromFieldsV1(encoded)).toHaveLength(3);
  });
});

describe('server-side apply', () => {
  it('creating by apply gives the applier every applied leaf', () => {
    const result = apply(
      undefined,
      [],
      deployment({ replicas: 2, template: { spec: { containers: [{ name: 'c' }] } } }),
      'zonekeeper',
    );
    expect(result.object.spec).toEqual({
      replicas: 2,
      template: { spec: { containers: [{ name: 'c' }] } },
    });
    expect(result.managedFields).toHaveLength(1);
    expect(result.managedFields[0]).toMatchObject({
      manager: 'zonekeeper',
      operation: 'Apply',
      apiVersion: 'apps/v1',
    });
    expect(owned(result.managedFields, 'zonekeeper').sort()).toEqual([
      'spec.replicas',
      'spec.template.spec.containers',
    ]);
  });

  it('merges maps key by key with what others wrote and replaces lists whole', () => {
    const first = apply(
      undefined,
      [],
      deployment({ replicas: 1, args: ['a', 'b'] }, { app: 'web' }),
      'one',
    );
    const second = apply(
      first.object,
      first.managedFields,
      deployment({ args: ['a', 'b'] }, { team: 'dns' }),
      'two',
    );
    expect(second.object.metadata).toMatchObject({ labels: { app: 'web', team: 'dns' } });
    // Same value: the list is co-owned, not a conflict.
    expect(owned(second.managedFields, 'one')).toContain('spec.args');
    expect(owned(second.managedFields, 'two')).toContain('spec.args');
  });

  it('a different value for a field another manager owns is a conflict naming manager and path', () => {
    const first = apply(undefined, [], deployment({ replicas: 1 }), 'zonekeeper');
    const result = applyConfiguration(
      first.object,
      first.managedFields,
      deployment({ replicas: 3 }),
      context('scaler'),
      false,
    );
    expect(result).toEqual({
      ok: false,
      conflicts: [{ manager: 'zonekeeper', path: ['spec', 'replicas'] }],
    });
    expect(describeConflicts(result.ok ? [] : result.conflicts, 'apps/v1')).toEqual({
      message:
        'Apply failed with 1 conflict: conflict with "zonekeeper" using apps/v1: .spec.replicas',
      causes: [
        {
          reason: 'FieldManagerConflict',
          message: 'conflict with "zonekeeper" using apps/v1',
          field: '.spec.replicas',
        },
      ],
    });
  });

  it('forcing takes the field away from its previous owner', () => {
    const first = apply(undefined, [], deployment({ replicas: 1, paused: false }), 'zonekeeper');
    const forced = apply(
      first.object,
      first.managedFields,
      deployment({ replicas: 3 }),
      'scaler',
      true,
    );
    expect((forced.object.spec as JsonObject).replicas).toBe(3);
    expect(owned(forced.managedFields, 'scaler')).toEqual(['spec.replicas']);
    expect(owned(forced.managedFields, 'zonekeeper')).toEqual(['spec.paused']);
  });

  it('a field the applier drops from its configuration is removed when nobody else owns it', () => {
    const first = apply(
      undefined,
      [],
      deployment({ replicas: 1 }, { app: 'web', old: 'x' }),
      'zonekeeper',
    );
    const second = apply(
      first.object,
      first.managedFields,
      deployment({ replicas: 1 }, { app: 'web' }),
      'zonekeeper',
    );
    expect((second.object.metadata as JsonObject).labels).toEqual({ app: 'web' });
    expect(owned(second.managedFields, 'zonekeeper')).not.toContain('metadata.labels.old');
  });

  it('a dropped field someone else also owns stays', () => {
    const first = apply(undefined, [], deployment({ replicas: 1 }, { shared: 'x' }), 'one');
    const { spec: _spec, ...labelsOnly } = deployment({}, { shared: 'x' });
    const second = apply(first.object, first.managedFields, labelsOnly, 'two');
    const third = apply(second.object, second.managedFields, deployment({ replicas: 1 }), 'one');
    expect((third.object.metadata as JsonObject).labels).toEqual({ shared: 'x' });
    expect(owned(third.managedFields, 'one')).toEqual(['spec.replicas']);
    expect(owned(third.managedFields, 'two')).toEqual(['metadata.labels.shared']);
  });

  it('dropping the last label removes the emptied labels map too', () => {
    const first = apply(undefined, [], deployment({ replicas: 1 }, { only: 'x' }), 'zonekeeper');
    const second = apply(
      first.object,
      first.managedFields,
      deployment({ replicas: 1 }),
      'zonekeeper',
    );
    expect(second.object.metadata).toEqual({ name: 'web', namespace: 'default' });
  });

  it('compares values as stored: server defaults inside an atomic list are no conflict', () => {
    const withDefaults = (object: JsonObject) => {
      const copy = structuredClone(object);
      const containers = (copy.spec as { containers?: JsonObject[] }).containers ?? [];
      for (const container of containers) container.imagePullPolicy ??= 'IfNotPresent';
      return copy;
    };
    const first = apply(
      undefined,
      [],
      deployment({ containers: [{ name: 'c', image: 'i:1' }] }),
      'kubectl',
    );
    const live = withDefaults(first.object);
    const same = applyConfiguration(
      live,
      first.managedFields,
      deployment({ containers: [{ name: 'c', image: 'i:1' }] }),
      context('zonekeeper'),
      false,
      withDefaults,
    );
    expect(same.ok).toBe(true);
    const other = applyConfiguration(
      live,
      first.managedFields,
      deployment({ containers: [{ name: 'c', image: 'i:2' }] }),
      context('zonekeeper'),
      false,
      withDefaults,
    );
    expect(other.ok).toBe(false);
  });

  it('an applier that owns nothing keeps an entry', () => {
    const result = apply(
      undefined,
      [],
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ns' } },
      'kubectl',
    );
    expect(result.managedFields.map((entry) => entry.manager)).toEqual(['kubectl']);
  });
});

describe('ownership after an update', () => {
  it('the updater takes the fields it changed from everyone else; unchanged fields keep their owner', () => {
    const created = deployment({ replicas: 1, paused: false });
    const fields = recordUpdate(undefined, created, [], context('kubectl-create'));
    expect(owned(fields, 'kubectl-create').sort()).toEqual(['spec.paused', 'spec.replicas']);
    const scaled = deployment({ replicas: 5, paused: false });
    const after = recordUpdate(created, scaled, fields, context('kubectl-scale'));
    expect(owned(after, 'kubectl-scale')).toEqual(['spec.replicas']);
    expect(owned(after, 'kubectl-create')).toEqual(['spec.paused']);
  });

  it('fields removed from the object leave their owners, and empty entries disappear', () => {
    const created = deployment({ replicas: 1 });
    const fields = recordUpdate(undefined, created, [], context('one'));
    const after = recordUpdate(created, deployment({ paused: true }), fields, context('two'));
    expect(after.map((entry) => entry.manager)).toEqual(['two']);
    expect(owned(after, 'two')).toEqual(['spec.paused']);
  });
});
