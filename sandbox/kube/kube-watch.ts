// Watches (`?watch=true`): the current objects or the events since a resourceVersion, then live
// events, as newline-delimited JSON `{type, object}` until the client leaves or the timeout ends.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { JsonObject } from './field-paths';
import { groupVersionOf, type KubeResourceType } from './kube-resources';
import { badRequest, expired } from './kube-status';
import { resourceKey, type KubeStore, type StoreEvent } from './kube-store';
import { toTable, type IncludeObject } from './kube-table';

/** The API server ends a watch after a while; clients reconnect from their last resourceVersion. */
const MAX_WATCH_SECONDS = 1_800;

export interface WatchRequest {
  type: KubeResourceType;
  namespace?: string;
  name?: string;
  store: KubeStore;
  matches: (object: JsonObject) => boolean;
  /** Set when the client asked for Tables (`kubectl get -w`). */
  table?: { includeObject: IncludeObject; now: () => number };
  query: URLSearchParams;
  request: IncomingMessage;
  response: ServerResponse;
}

export function streamWatch(watch: WatchRequest): void {
  const { store, query, request, response, type } = watch;
  const resource = resourceKey(type);
  const relevant = (event: Pick<StoreEvent, 'resource' | 'namespace' | 'object'>) =>
    event.resource === resource &&
    (!watch.namespace || event.namespace === watch.namespace) &&
    (!watch.name || (event.object.metadata as JsonObject | undefined)?.name === watch.name) &&
    watch.matches(event.object);
  const since = query.get('resourceVersion');
  if (since && !/^\d+$/.test(since))
    throw badRequest(
      `invalid resourceVersion "${since}": it must be a resourceVersion the server sent`,
    );

  response.writeHead(200, {
    'content-type': 'application/json',
    'cache-control': 'no-cache, private',
    'transfer-encoding': 'chunked',
  });
  response.flushHeaders();
  // Tables carry one row per event, and the columns only in the first.
  let columnsSent = false;
  const send = (eventType: string, object: unknown) => {
    let payload = object;
    if (watch.table && eventType !== 'ERROR' && eventType !== 'BOOKMARK') {
      const table = toTable(
        type.kind,
        [object as JsonObject],
        String(((object as JsonObject).metadata as JsonObject | undefined)?.resourceVersion ?? ''),
        watch.table.includeObject,
        watch.table.now(),
      );
      payload = columnsSent ? { ...table, columnDefinitions: [] } : table;
      columnsSent = true;
    }
    response.write(`${JSON.stringify({ type: eventType, object: payload })}\n`);
  };

  const sendInitialEvents = query.get('sendInitialEvents') === 'true';
  if (!since || since === '0' || sendInitialEvents) {
    for (const object of store.list(resource, watch.namespace)) {
      if (relevant({ resource, namespace: watch.namespace ?? '', object })) send('ADDED', object);
    }
    if (sendInitialEvents)
      send('BOOKMARK', {
        kind: type.kind,
        apiVersion: groupVersionOf(type),
        metadata: {
          resourceVersion: String(store.currentResourceVersion()),
          annotations: { 'k8s.io/initial-events-end': 'true' },
        },
      });
  } else {
    const replay = store.eventsSince(Number(since));
    if (!replay) {
      send('ERROR', expired(since).toStatus());
      response.end();
      return;
    }
    for (const event of replay) if (relevant(event)) send(event.type, event.object);
  }

  const unsubscribe = store.subscribe((event) => {
    if (relevant(event)) send(event.type, event.object);
  });
  const requested = Number(query.get('timeoutSeconds') ?? MAX_WATCH_SECONDS);
  const seconds = Number.isFinite(requested)
    ? Math.min(Math.max(requested, 1), MAX_WATCH_SECONDS)
    : MAX_WATCH_SECONDS;
  const timer = setTimeout(() => response.end(), seconds * 1000);
  const stop = () => {
    clearTimeout(timer);
    unsubscribe();
  };
  request.once('close', stop);
  response.once('close', stop);
}
