import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { CostTableView } from './cost-table';
import { parseFleetCost } from './fleet-cost';

const view = parseFleetCost({
  daemonSets: [
    {
      namespace: 'kube-system',
      name: 'node-agent',
      desiredNumberScheduled: 100,
      perPod: { requests: { memory: '256Mi' } },
      total: { requests: { memory: '25Gi' }, limits: {} },
      problems: ['spec.template.spec.containers[0].resources.requests[cpu]: bad'],
    },
  ],
  total: { requests: { memory: '25Gi' }, limits: {} },
  nodes: {
    count: 100,
    summary: { memory: { max: 0.5, median: 0.25 } },
    top: [{ node: 'n7', share: { memory: 0.5 } }],
  },
});

describe('CostTableView', () => {
  it('shows requests per pod × nodes = total per DaemonSet, the fleet total and node shares', () => {
    const html = renderToStaticMarkup(<CostTableView view={view} />);
    const text = html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(text).toContain('kube-system/node-agent ⚠ memory 256Mi × 100 memory 25Gi —');
    expect(text).toContain('Fleet total memory 25Gi —');
    expect(text).toContain('across 100 nodes — memory: max 50%, median 25%. Highest: n7 (memory 50%)');
    expect(html).toContain('title="spec.template.spec.containers[0].resources.requests[cpu]: bad"');
  });

  it('renders nothing without DaemonSets', () => {
    expect(renderToStaticMarkup(<CostTableView view={parseFleetCost({})} />)).toBe('');
  });
});
