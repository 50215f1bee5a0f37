import { describe, expect, it } from 'vitest';
import { applyMergePatch, applyPatchOfType } from './patch';
import { applyStrategicMergePatch } from './strategic-merge';

const pod = {
  metadata: { name: 'p', labels: { a: '1', b: '2' }, finalizers: ['x'] },
  spec: {
    containers: [
      { name: 'main', image: 'main:1', env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }], ports: [{ containerPort: 80, name: 'http' }] },
      { name: 'side', image: 'side:1' },
    ],
    tolerations: [{ key: 'a', operator: 'Exists' }],
    volumes: [{ name: 'data', emptyDir: {} }],
  },
};

describe('applyStrategicMergePatch', () => {
  it.each([
    ['merges containers by name', { spec: { containers: [{ name: 'side', image: 'side:2' }] } }, (r: typeof pod) => r.spec.containers.map((c) => c.image), ['main:1', 'side:2']],
    ['appends a new container', { spec: { containers: [{ name: 'new', image: 'n:1' }] } }, (r: typeof pod) => r.spec.containers.map((c) => c.name), ['main', 'side', 'new']],
    ['deletes a container with $patch: delete', { spec: { containers: [{ name: 'side', $patch: 'delete' }] } }, (r: typeof pod) => r.spec.containers.map((c) => c.name), ['main']],
    ['merges env by name inside a container', { spec: { containers: [{ name: 'main', env: [{ name: 'B', value: 'x' }] }] } }, (r: typeof pod) => r.spec.containers[0]?.env, [{ name: 'A', value: '1' }, { name: 'B', value: 'x' }]],
    ['merges ports by containerPort', { spec: { containers: [{ name: 'main', ports: [{ containerPort: 80, protocol: 'TCP' }] }] } }, (r: typeof pod) => r.spec.containers[0]?.ports, [{ containerPort: 80, name: 'http', protocol: 'TCP' }]],
    ['replaces tolerations whole (no merge key upstream)', { spec: { tolerations: [{ key: 'b', operator: 'Exists' }] } }, (r: typeof pod) => r.spec.tolerations, [{ key: 'b', operator: 'Exists' }]],
    ['deletes a key with null', { metadata: { labels: { a: null } } }, (r: typeof pod) => r.metadata.labels, { b: '2' }],
    ['replaces a map with $patch: replace', { spec: { $patch: 'replace', containers: [{ name: 'only', image: 'o:1' }] } }, (r: typeof pod) => r.spec, { containers: [{ name: 'only', image: 'o:1' }] }],
    ['replaces a list with a $patch: replace element', { spec: { containers: [{ $patch: 'replace' }, { name: 'x', image: 'x:1' }] } }, (r: typeof pod) => r.spec.containers, [{ name: 'x', image: 'x:1' }]],
    ['reorders by $setElementOrder', { spec: { '$setElementOrder/containers': [{ name: 'side' }, { name: 'main' }], containers: [{ name: 'main', image: 'main:2' }] } }, (r: typeof pod) => r.spec.containers.map((c) => c.image), ['side:1', 'main:2']],
    ['keeps unlisted elements after the ordered ones', { spec: { containers: [{ name: 'main', '$setElementOrder/env': [{ name: 'B' }] }] } }, (r: typeof pod) => r.spec.containers[0]?.env?.map((e) => e.name), ['B', 'A']],
    ['keeps only $retainKeys', { spec: { volumes: [{ name: 'data', hostPath: { path: '/x' }, $retainKeys: ['name', 'hostPath'] }] } }, (r: typeof pod) => r.spec.volumes, [{ name: 'data', hostPath: { path: '/x' } }]],
    ['merges finalizers as a set', { metadata: { finalizers: ['x', 'y'] } }, (r: typeof pod) => r.metadata.finalizers, ['x', 'y']],
    ['deletes from a primitive list', { metadata: { '$deleteFromPrimitiveList/finalizers': ['x'] } }, (r: typeof pod) => r.metadata.finalizers, []],
  ])('%s', (_name, patch, read, expected) => {
    expect(read(applyStrategicMergePatch(pod, patch) as typeof pod)).toEqual(expected);
  });

  it('leaves the original untouched', () => {
    const before = JSON.stringify(pod);
    applyStrategicMergePatch(pod, { spec: { containers: [{ name: 'main', image: 'changed' }] } });
    expect(JSON.stringify(pod)).toBe(before);
  });

  it('rejects an unknown directive and a non-object patch', () => {
    expect(() => applyStrategicMergePatch(pod, { spec: { $patch: 'explode' } })).toThrow(/Unknown patch type/);
    expect(() => applyStrategicMergePatch(pod, [1])).toThrow(/must be a JSON object/);
  });
});

describe('applyMergePatch (RFC 7386)', () => {
  it('replaces arrays and deletes null keys', () => {
    expect(applyMergePatch(pod, { spec: { containers: [{ name: 'x' }] }, metadata: { labels: null } })).toEqual({
      metadata: { name: 'p', finalizers: ['x'] },
      spec: { ...pod.spec, containers: [{ name: 'x' }] },
    });
  });
});

describe('applyPatchOfType', () => {
  it('refuses a patch that drops metadata, a failing json-patch test, and unknown types', () => {
    expect(() => applyPatchOfType('application/merge-patch+json', pod, { metadata: null })).toThrow(/metadata/);
    expect(() => applyPatchOfType('application/json-patch+json', pod, [{ op: 'test', path: '/metadata/name', value: 'q' }])).toThrow(/rejected our request/);
    expect(() => applyPatchOfType('text/plain', pod, {})).toThrow(/unknown format/);
  });
});
