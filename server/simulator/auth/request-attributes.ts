import 'server-only';
import type { SimAttributes } from './rbac';

/**
 * The authorizer attributes of an HTTP request, as upstream's RequestInfoFactory derives them
 * (staging/src/k8s.io/apiserver/pkg/endpoints/request/requestinfo.go): the verb from the method
 * (GET on a collection is `list`, `?watch=true` is `watch`), the rest from the path.
 */
export function requestAttributes(method: string, path: string, params: URLSearchParams): SimAttributes {
  const segments = path.split('/').filter((segment) => segment !== '').map(safeDecode);
  let apiGroup: string;
  let rest: string[];
  if (segments[0] === 'api' && segments.length >= 2) {
    apiGroup = '';
    rest = segments.slice(2);
  } else if (segments[0] === 'apis' && segments.length >= 3) {
    apiGroup = segments[1] ?? '';
    rest = segments.slice(3);
  } else {
    return { verb: method.toLowerCase(), apiGroup: '', resource: '', path };
  }
  if (rest.length === 0) return { verb: method.toLowerCase(), apiGroup: '', resource: '', path };
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    namespace = rest[1];
    rest = rest.slice(2);
  } else if (rest[0] === 'namespaces' && rest.length === 2) {
    // `/api/v1/namespaces/x` is the namespace object itself, scoped to its own namespace.
    namespace = rest[1];
  }
  const [resource = '', name, subresource] = rest;
  const isCollection = name === undefined;
  return { verb: verbFor(method, isCollection, params), apiGroup, resource, name, subresource, namespace };
}

function verbFor(method: string, isCollection: boolean, params: URLSearchParams): string {
  const watch = params.get('watch');
  switch (method) {
    case 'GET':
    case 'HEAD':
      if (watch === 'true' || watch === '1') return 'watch';
      return isCollection ? 'list' : 'get';
    case 'POST':
      return 'create';
    case 'PUT':
      return 'update';
    case 'PATCH':
      return 'patch';
    case 'DELETE':
      return isCollection ? 'deletecollection' : 'delete';
    default:
      return method.toLowerCase();
  }
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
