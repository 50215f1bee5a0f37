import 'server-only';
import { authorize, type SimAttributes, type SimRole, type SimRoleBinding, type SimUserInfo } from './rbac';

/** `spec.resourceAttributes` of an access review (authorization.k8s.io/v1). */
interface ResourceAttributes {
  namespace?: string;
  verb?: string;
  group?: string;
  resource?: string;
  subresource?: string;
  name?: string;
}

/** The review endpoints this cluster serves: path → kind. */
export const REVIEW_PATHS: Record<string, 'SelfSubjectAccessReview' | 'SubjectAccessReview' | 'SelfSubjectReview'> = {
  '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews': 'SelfSubjectAccessReview',
  '/apis/authorization.k8s.io/v1/subjectaccessreviews': 'SubjectAccessReview',
  '/apis/authentication.k8s.io/v1/selfsubjectreviews': 'SelfSubjectReview',
};

/** An access review that cannot be evaluated: the API server's 400/422 message. */
export class ReviewError extends Error {
  override name = 'ReviewError';
}

const record = (value: unknown): Record<string, unknown> => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {});
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

function attributesOf(spec: Record<string, unknown>): SimAttributes {
  const resourceAttributes = spec.resourceAttributes;
  const nonResource = record(spec.nonResourceAttributes);
  if (resourceAttributes === undefined && nonResource.path !== undefined) {
    return { verb: text(nonResource.verb) ?? '', apiGroup: '', resource: '', path: text(nonResource.path) ?? '' };
  }
  if (resourceAttributes === undefined) throw new ReviewError('spec.resourceAttributes: Required value: exactly one of nonResourceAttributes or resourceAttributes must be specified');
  const attributes = record(resourceAttributes) as ResourceAttributes;
  return {
    verb: text(attributes.verb) ?? '',
    apiGroup: text(attributes.group) ?? '',
    resource: text(attributes.resource) ?? '',
    subresource: text(attributes.subresource) || undefined,
    namespace: text(attributes.namespace) || undefined,
    name: text(attributes.name) || undefined,
  };
}

/**
 * Evaluates one review body for `caller`: a SelfSubjectAccessReview asks about the caller, a
 * SubjectAccessReview about `spec.user`/`spec.groups`; the SelfSubjectReview answers who the caller is.
 */
export function review(kind: string, body: unknown, caller: SimUserInfo, roles: readonly SimRole[], bindings: readonly SimRoleBinding[]): Record<string, unknown> {
  const apiVersion = kind === 'SelfSubjectReview' ? 'authentication.k8s.io/v1' : 'authorization.k8s.io/v1';
  if (kind === 'SelfSubjectReview') {
    return { kind, apiVersion, metadata: {}, status: { userInfo: { username: caller.username, groups: caller.groups } } };
  }
  const spec = record(record(body).spec);
  let subject = caller;
  if (kind === 'SubjectAccessReview') {
    const user = text(spec.user) ?? '';
    const groups = Array.isArray(spec.groups) ? spec.groups.filter((group): group is string => typeof group === 'string') : [];
    if (user === '' && groups.length === 0) throw new ReviewError('spec.user: Invalid value: "": at least one of user or group must be specified');
    subject = { username: user, groups };
  }
  const decision = authorize(subject, attributesOf(spec), roles, bindings);
  const status: Record<string, unknown> = { allowed: decision.allowed };
  if (decision.reason !== '') status.reason = decision.reason;
  return { kind, apiVersion, metadata: {}, spec, status };
}
