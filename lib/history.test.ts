import { describe, expect, it } from 'vitest';
import type { ControllerRevision, DaemonSet, PodTemplateSpec } from './k8s-types';
import {
  canonicalJson,
  controlledHistory,
  revisionMatchesTemplate,
  revisionPatchData,
  revisionTemplate,
  rolloutHistoryRows,
  rolloutHistoryText,
  tabwriter,
} from './history';

const UID = 'ds-uid';

function template(image: string): PodTemplateSpec {
  return { metadata: { labels: { app: 'bind' } }, spec: { containers: [{ name: 'c', image }] } };
}

function daemonSet(image = 'v2', overrides: Partial<DaemonSet['spec']> = {}): DaemonSet {
  return {
    metadata: { name: 'bind', namespace: 'default', uid: UID },
    spec: { selector: { matchLabels: { app: 'bind' } }, template: template(image), ...overrides },
  };
}

/** A revision of `bind` holding `image`, owned by `owner`, with optional change-cause. */
function revision(number: number, image: string, options: { owner?: string; cause?: string; labels?: Record<string, string> } = {}): ControllerRevision {
  return {
    metadata: {
      name: `bind-${number}`,
      namespace: 'default',
      labels: options.labels ?? { app: 'bind', 'controller-revision-hash': `h${number}` },
      annotations: options.cause === undefined ? {} : { 'kubernetes.io/change-cause': options.cause },
      ownerReferences: [{ kind: 'DaemonSet', name: 'bind', uid: options.owner ?? UID, controller: true }],
    },
    data: revisionPatchData(template(image)),
    revision: number,
  };
}

describe('canonicalJson', () => {
  it('sorts keys and drops nulls so Go-marshalled and plain templates compare equal', () => {
    expect(canonicalJson({ b: 1, a: { d: null, c: [1, { z: 1, y: 2 }] } })).toBe('{"a":{"c":[1,{"y":2,"z":1}]},"b":1}');
    expect(canonicalJson({ metadata: { creationTimestamp: null } })).toBe(canonicalJson({ metadata: {} }));
  });
});

describe('revision data', () => {
  it('revisionPatchData wraps the template with $patch: replace and revisionTemplate unwraps it', () => {
    const data = revisionPatchData(template('v1'));
    expect(data).toEqual({ spec: { template: { ...template('v1'), $patch: 'replace' } } });
    expect(revisionTemplate({ data })).toEqual(template('v1'));
  });

  it('revisionTemplate is undefined for malformed data', () => {
    expect(revisionTemplate({ data: 'nope' })).toBeUndefined();
    expect(revisionTemplate({ data: { spec: {} } })).toBeUndefined();
    expect(revisionTemplate({})).toBeUndefined();
  });

  it('matches the live template regardless of key order', () => {
    const reordered: ControllerRevision = {
      data: { spec: { template: { $patch: 'replace', spec: { containers: [{ image: 'v2', name: 'c' }] }, metadata: { labels: { app: 'bind' } } } } },
    };
    expect(revisionMatchesTemplate(daemonSet('v2'), reordered)).toBe(true);
    expect(revisionMatchesTemplate(daemonSet('v3'), reordered)).toBe(false);
  });
});

describe('controlledHistory', () => {
  it.each([
    { name: 'keeps own revisions', rev: revision(1, 'v1'), kept: true },
    { name: 'drops revisions of another DaemonSet uid', rev: revision(1, 'v1', { owner: 'other' }), kept: false },
    { name: 'drops revisions the selector does not match', rev: revision(1, 'v1', { labels: { app: 'dns' } }), kept: false },
    { name: 'drops revisions in another namespace', rev: { ...revision(1, 'v1'), metadata: { ...revision(1, 'v1').metadata, namespace: 'x' } }, kept: false },
    {
      name: 'drops revisions whose owner is not the controller',
      rev: { ...revision(1, 'v1'), metadata: { ...revision(1, 'v1').metadata, ownerReferences: [{ uid: UID, controller: false }] } },
      kept: false,
    },
  ])('$name', ({ rev, kept }) => {
    expect(controlledHistory(daemonSet(), [rev])).toEqual(kept ? [rev] : []);
  });

  it('a missing selector selects nothing; an invalid one throws kubectl text', () => {
    expect(controlledHistory(daemonSet('v2', { selector: null }), [revision(1, 'v1')])).toEqual([]);
    const bad = daemonSet('v2', { selector: { matchExpressions: [{ key: 'app', operator: 'Near' }] } });
    expect(() => controlledHistory(bad, [revision(1, 'v1')])).toThrow(/^failed to create selector for DaemonSet bind: /);
  });
});

describe('rolloutHistoryText', () => {
  it('prints kubectl bytes: trailing space, tabwriter padding 2, closing empty line', () => {
    const revisions = [revision(3, 'v2', { cause: 'kubectl apply --filename=x.yaml --record=true' }), revision(2, 'v1')];
    expect(rolloutHistoryText(daemonSet(), revisions)).toBe(
      'daemonset.apps/bind \nREVISION  CHANGE-CAUSE\n2         <none>\n3         kubectl apply --filename=x.yaml --record=true\n\n',
    );
  });

  it('widens the first column for long revision numbers', () => {
    const text = rolloutHistoryText(daemonSet(), [revision(12345678901, 'v1'), revision(2, 'v2')]);
    expect(text).toBe('daemonset.apps/bind \nREVISION     CHANGE-CAUSE\n2            <none>\n12345678901  <none>\n\n');
  });

  it('says so when there is no history', () => {
    expect(rolloutHistoryText(daemonSet(), [revision(1, 'v1', { owner: 'x' })])).toBe('daemonset.apps/bind \nNo rollout history found.\n');
  });

  it('shows a duplicated revision number once, the last one listed', () => {
    const text = rolloutHistoryText(daemonSet(), [revision(1, 'v1', { cause: 'first' }), revision(1, 'v2', { cause: 'second' })]);
    expect(text).toBe('daemonset.apps/bind \nREVISION  CHANGE-CAUSE\n1         second\n\n');
  });
});

describe('tabwriter', () => {
  it('pads every tab-ended cell to the column width plus 2 and leaves the last cell alone', () => {
    expect(tabwriter(['a\tbb\tc', 'aaa\tb\tc'])).toBe('a    bb  c\naaa  b   c\n');
  });
});

describe('rolloutHistoryRows', () => {
  it('lists own revisions oldest first with the current one marked', () => {
    const rows = rolloutHistoryRows(daemonSet('v2'), [revision(2, 'v2', { cause: 'set image' }), revision(1, 'v1')]);
    expect(rows).toEqual([
      { revision: 1, name: 'bind-1', hash: 'h1', changeCause: null, isCurrent: false, creationTimestamp: null, images: ['v1'] },
      { revision: 2, name: 'bind-2', hash: 'h2', changeCause: 'set image', isCurrent: true, creationTimestamp: null, images: ['v2'] },
    ]);
  });

  it('returns no rows for an invalid selector instead of throwing', () => {
    const bad = daemonSet('v2', { selector: { matchExpressions: [{ key: 'app', operator: 'In', values: [] }] } });
    expect(rolloutHistoryRows(bad, [revision(1, 'v1')])).toEqual([]);
  });
});
