/**
 * Label key and label value validation, as apimachinery's `pkg/util/validation` does it
 * (`IsQualifiedName`, `IsDNS1123Subdomain`, `IsValidLabelValue`). Each function returns the list of
 * problems in upstream's words; an empty list means valid.
 */

const qualifiedNameFmt = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const qualifiedNameRegexp = new RegExp(`^${qualifiedNameFmt}$`);
const qualifiedNameMaxLength = 63;
const qualifiedNameErrMsg =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

const dns1123LabelFmt = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const dns1123SubdomainFmt = `${dns1123LabelFmt}(\\.${dns1123LabelFmt})*`;
const dns1123SubdomainRegexp = new RegExp(`^${dns1123SubdomainFmt}$`);
const dns1123SubdomainMaxLength = 253;
const dns1123SubdomainErrMsg =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";

const labelValueFmt = `(${qualifiedNameFmt})?`;
const labelValueRegexp = new RegExp(`^${labelValueFmt}$`);
const labelValueMaxLength = 63;
const labelValueErrMsg =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

/** Upstream's `RegexError`: the message, examples, and the pattern used. */
function regexError(msg: string, fmt: string, examples: string[]): string {
  const shown = examples.map((e) => `'${e}'`).join(',  or ');
  return `${msg} (e.g. ${shown}, regex used for validation is '${fmt}')`;
}

function maxLenError(length: number): string {
  return `must be no more than ${length} characters`;
}

/** Problems with `value` as a DNS-1123 subdomain (the optional prefix of a label key). */
export function isDNS1123Subdomain(value: string): string[] {
  const errs: string[] = [];
  if (value.length > dns1123SubdomainMaxLength) errs.push(maxLenError(dns1123SubdomainMaxLength));
  if (!dns1123SubdomainRegexp.test(value)) {
    errs.push(regexError(dns1123SubdomainErrMsg, dns1123SubdomainFmt, ['example.com']));
  }
  return errs;
}

/** Problems with `value` as a qualified name: `[prefix/]name` (a label key). */
export function isQualifiedName(value: string): string[] {
  const parts = value.split('/');
  let name: string;
  const errs: string[] = [];
  if (parts.length === 1) {
    name = parts[0] ?? '';
  } else if (parts.length === 2) {
    const prefix = parts[0] ?? '';
    name = parts[1] ?? '';
    if (prefix.length === 0) {
      errs.push('prefix part must be non-empty');
    } else {
      for (const e of isDNS1123Subdomain(prefix)) errs.push(`prefix part ${e}`);
    }
  } else {
    const msg = `a qualified name ${qualifiedNameErrMsg}`;
    const examples = ['MyName', 'my.name', '123-abc'];
    return [
      `${regexError(msg, qualifiedNameFmt, examples)} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  }
  if (name.length === 0) {
    errs.push('name part must be non-empty');
  } else if (name.length > qualifiedNameMaxLength) {
    errs.push(`name part ${maxLenError(qualifiedNameMaxLength)}`);
  }
  if (!qualifiedNameRegexp.test(name)) {
    errs.push(
      `name part ${regexError(qualifiedNameErrMsg, qualifiedNameFmt, ['MyName', 'my.name', '123-abc'])}`,
    );
  }
  return errs;
}

/** Problems with `value` as a label value: ≤63 characters, empty or alphanumeric at both ends. */
export function isValidLabelValue(value: string): string[] {
  const errs: string[] = [];
  if (value.length > labelValueMaxLength) errs.push(maxLenError(labelValueMaxLength));
  if (!labelValueRegexp.test(value)) {
    errs.push(regexError(labelValueErrMsg, labelValueFmt, ['MyValue', 'my_value', '12345']));
  }
  return errs;
}

/** True when `key` is a valid label key. */
export function isLabelKey(key: string): boolean {
  return isQualifiedName(key).length === 0;
}

/** True when `value` is a valid label value. */
export function isLabelValue(value: string): boolean {
  return isValidLabelValue(value).length === 0;
}

/** A label map as the API sends it; absent or null means no labels. */
export type Labels = Readonly<Record<string, string>> | null | undefined;

/** `x` as a label map when it is a plain object, else undefined (bad input reads as no labels). */
export function asLabels(x: unknown): Labels {
  return typeof x === 'object' && x !== null && !Array.isArray(x) ? (x as Record<string, string>) : undefined;
}

/** `x` when it is a string, else '' (how names and keys of malformed objects read). */
export function asString(x: unknown): string {
  return typeof x === 'string' ? x : '';
}

/**
 * The value of label `key`, or undefined when the node has no such label. Only own string-valued
 * properties count, so `toString` or `__proto__` on a plain object never pose as labels.
 */
export function labelValue(labels: Labels, key: string): string | undefined {
  if (labels === null || labels === undefined) return undefined;
  const value: unknown = labels[key];
  if (typeof value !== 'string') return undefined;
  // A prototype member is never a string, so a string here is an own property.
  return value;
}
