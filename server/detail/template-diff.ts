import 'server-only';
import { createTwoFilesPatch } from 'diff';
import { stringify } from 'yaml';
import type { PodTemplateSpec } from '@/lib/k8s-types';

/** A pod template as YAML with sorted keys, so a diff shows changes and not key order. */
export function templateYaml(template: PodTemplateSpec | undefined): string {
  return stringify(template ?? {}, { sortMapEntries: true, lineWidth: 0 });
}

/** A unified diff between two pod templates as YAML; the empty string when they are equal. */
export function templateDiff(from: PodTemplateSpec | undefined, to: PodTemplateSpec | undefined, fromLabel: string, toLabel: string): string {
  const a = templateYaml(from);
  const b = templateYaml(to);
  if (a === b) return '';
  return createTwoFilesPatch(fromLabel, toLabel, a, b, undefined, undefined, { context: 3 });
}
