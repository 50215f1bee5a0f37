import 'server-only';
import { type IncomingMessage, type ServerResponse } from 'node:http';
import { type SimStore, type StoreDeleteOptions } from '../store';
import { type KObject } from '../store-types';
import { negotiate, parseJsonBody, readBody, sendJson } from './http-io';
import { isJsonObject } from './json-value';
import { applyPatchOfType } from './patch';
import { type ResourceRoute } from './routes';
import { badRequest, notFound, StoreError } from './status-error';
import { buildTable, partialObjectMetadata } from './tables/table';

/** One request to a named object or a collection, resolved. */
export interface ObjectRequest {
  store: SimStore;
  route: ResourceRoute;
  params: URLSearchParams;
  req: IncomingMessage;
  res: ServerResponse;
}

function isDryRun(params: URLSearchParams): boolean {
  const values = params.getAll('dryRun');
  if (values.some((value) => value !== 'All')) throw badRequest(`Invalid dry run value: ${values.join(',')}`);
  return values.length > 0;
}

function requireName(route: ResourceRoute): string {
  if (route.name === undefined) throw new StoreError('MethodNotAllowed', 'the server does not allow this method on the requested resource');
  return route.name;
}

/** A body object with `metadata`, its namespace checked against (and defaulted from) the URL. */
async function readObject(request: ObjectRequest): Promise<KObject> {
  const body = parseJsonBody(await readBody(request.req));
  if (!isJsonObject(body)) throw badRequest('the request body must be a JSON object');
  if (body.metadata !== undefined && !isJsonObject(body.metadata)) throw badRequest("Object 'metadata' must be an object");
  const { info } = request.route;
  if (body.kind !== undefined && body.kind !== info.objectKind) {
    // What the real decoder answers when the body's kind is not the URL's resource.
    throw badRequest(`${String(body.kind)} in version "${String(body.apiVersion ?? '')}" cannot be handled as a ${info.objectKind}: the kind does not match the resource of the request`);
  }
  const metadata = isJsonObject(body.metadata) ? body.metadata : (body.metadata = {});
  const { namespace } = request.route;
  if (namespace !== undefined) {
    if (metadata.namespace !== undefined && metadata.namespace !== '' && metadata.namespace !== namespace) {
      throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
    metadata.namespace = namespace;
  }
  return body as KObject;
}

function checkNamespace(request: ObjectRequest): void {
  const { namespace } = request.route;
  if (namespace !== undefined && !request.store.get('namespaces', undefined, namespace)) throw notFound('namespaces', namespace);
}

/** Answers with one object in the negotiated representation (Table, PartialObjectMetadata or the object). */
export function sendObject(request: ObjectRequest, code: number, object: KObject): void {
  const representation = negotiate(request.req.headers.accept);
  if (representation === 'table') {
    const include = (request.params.get('includeObject') ?? 'Metadata') as 'None' | 'Metadata' | 'Object';
    sendJson(request.res, code, buildTable(request.route.info.kind, [object], request.store.clock.now(), include, {}));
  } else if (representation === 'partial-metadata') {
    sendJson(request.res, code, partialObjectMetadata(object));
  } else {
    sendJson(request.res, code, object);
  }
}

/** GET of a named object (or its status subresource: the same object). */
export function handleGet(request: ObjectRequest): void {
  const name = requireName(request.route);
  const object = request.store.get(request.route.info.kind, request.route.namespace, name);
  if (!object) throw notFound(request.route.info.kind, name);
  sendObject(request, 200, object);
}

/** POST to a collection: create (201). */
export async function handleCreate(request: ObjectRequest): Promise<void> {
  const object = await readObject(request);
  checkNamespace(request);
  // Over the API, pods and DaemonSets start with the status their strategy gives them, never the client's
  // (upstream PrepareForCreate); the store's own create keeps a given status so scenarios can seed state.
  const { kind } = request.route.info;
  if (kind === 'pods' || kind === 'daemonsets') delete object.status;
  const created = request.store.create(kind, object, { dryRun: isDryRun(request.params) });
  sendObject(request, 201, created);
}

/** PUT of a named object or its status. */
export async function handleUpdate(request: ObjectRequest): Promise<void> {
  const name = requireName(request.route);
  const object = await readObject(request);
  if (object.metadata.name !== undefined && object.metadata.name !== '' && object.metadata.name !== name) {
    throw badRequest(`the name of the object (${object.metadata.name}) does not match the name on the URL (${name})`);
  }
  object.metadata.name = name;
  const subresource = request.route.subresource === 'status' ? 'status' : undefined;
  const updated = request.store.update(request.route.info.kind, object, { dryRun: isDryRun(request.params), ...(subresource ? { subresource } : {}) });
  sendObject(request, 200, updated);
}

/** PATCH of a named object or its status, in any of the three patch types. */
export async function handlePatch(request: ObjectRequest): Promise<void> {
  const name = requireName(request.route);
  const { kind } = request.route.info;
  const contentType = request.req.headers['content-type'];
  const body = parseJsonBody(await readBody(request.req));
  const current = request.store.get(kind, request.route.namespace, name);
  if (!current) throw notFound(kind, name);
  const patched = applyPatchOfType(contentType, current, body) as KObject;
  // Name and namespace come from the URL; a patch that sets resourceVersion makes it a precondition.
  patched.metadata.name = name;
  if (request.route.namespace !== undefined) patched.metadata.namespace = request.route.namespace;
  const subresource = request.route.subresource === 'status' ? 'status' : undefined;
  const updated = request.store.update(kind, patched, { dryRun: isDryRun(request.params), ...(subresource ? { subresource } : {}) });
  sendObject(request, 200, updated);
}

async function deleteOptions(request: ObjectRequest): Promise<StoreDeleteOptions> {
  const text = await readBody(request.req);
  const body = text.trim() === '' ? {} : parseJsonBody(text);
  const options = isJsonObject(body) ? body : {};
  const graceText = request.params.get('gracePeriodSeconds');
  const grace = graceText !== null ? Number(graceText) : options.gracePeriodSeconds;
  if (grace !== undefined && grace !== null && (typeof grace !== 'number' || !Number.isInteger(grace))) {
    throw badRequest(`invalid gracePeriodSeconds: ${String(grace)}`);
  }
  const policy = request.params.get('propagationPolicy') ?? options.propagationPolicy;
  if (policy !== undefined && policy !== null && !['Orphan', 'Background', 'Foreground'].includes(String(policy))) {
    throw badRequest(`DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: "${String(policy)}": supported values: "Foreground", "Background", "Orphan", "nil"`);
  }
  const bodyDryRun = Array.isArray(options.dryRun) && options.dryRun.includes('All');
  const preconditions = isJsonObject(options.preconditions) ? options.preconditions as StoreDeleteOptions['preconditions'] : undefined;
  return {
    ...(typeof grace === 'number' ? { gracePeriodSeconds: grace } : {}),
    ...(policy ? { propagationPolicy: policy as StoreDeleteOptions['propagationPolicy'] } : {}),
    ...(preconditions ? { preconditions } : {}),
    dryRun: isDryRun(request.params) || bodyDryRun,
  };
}

/** DELETE of a named object: pods answer with the pod, other kinds with a Success Status (upstream's ReturnDeletedObject). */
export async function handleDelete(request: ObjectRequest): Promise<void> {
  const name = requireName(request.route);
  const { info } = request.route;
  const options = await deleteOptions(request);
  const deleted = request.store.delete(info.kind, request.route.namespace, name, options);
  if (info.kind === 'pods') {
    sendObject(request, 200, deleted);
    return;
  }
  sendJson(request.res, 200, {
    kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success',
    details: { name, ...(info.group ? { group: info.group } : {}), kind: info.kind, uid: deleted.metadata.uid },
  });
}

/** POST pods/<name>/eviction: a graceful delete (no disruption budgets here). */
export async function handleEviction(request: ObjectRequest): Promise<void> {
  const name = requireName(request.route);
  const body = parseJsonBody(await readBody(request.req));
  const deleteOptionsBody = isJsonObject(body) && isJsonObject(body.deleteOptions) ? body.deleteOptions : {};
  const grace = deleteOptionsBody.gracePeriodSeconds;
  request.store.delete('pods', request.route.namespace, name, {
    ...(typeof grace === 'number' ? { gracePeriodSeconds: grace } : {}), dryRun: isDryRun(request.params),
  });
  sendJson(request.res, 201, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 });
}
