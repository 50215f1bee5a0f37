/**
 * The `?labelSelector=` / `kubectl -l` string syntax, parsed as apimachinery's `labels.Parse` does
 * (its Lexer and Parser in `pkg/labels/selector.go`): `a=b,c!=d,e in (x,y),f notin (z),g,!h,i>3`.
 */
import {
  type Parsed,
  type Requirement,
  type Selector,
  type SelectionOperator,
  newRequirement,
  selectorOf,
} from './label-selector';
import { isQualifiedName } from './labels';

type TokenKind =
  'identifier' | 'end' | 'error' | ')' | ',' | '!' | '==' | '=' | '>' | 'in' | '<' | '!=' | 'notin' | '(';

interface Token {
  readonly kind: TokenKind;
  readonly literal: string;
}

const symbolTokens: Readonly<Record<string, TokenKind>> = {
  ')': ')',
  ',': ',',
  '!': '!',
  '==': '==',
  '=': '=',
  '>': '>',
  '<': '<',
  '!=': '!=',
  '(': '(',
};

const isWhitespace = (ch: string): boolean => ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n';
const isSpecialSymbol = (ch: string): boolean => '=!(),><'.includes(ch);

/** Upstream's `scanSpecialSymbol`: the longest run of symbols that is still a token. */
function scanSymbol(input: string, start: number): [Token, number] {
  let last: Token | null = null;
  let i = start;
  let buffer = '';
  while (i < input.length) {
    const ch = input.charAt(i);
    if (!isSpecialSymbol(ch)) break;
    buffer += ch;
    const kind = symbolTokens[buffer];
    if (kind !== undefined) {
      last = { kind, literal: buffer };
    } else if (last !== null) {
      break;
    }
    i += 1;
  }
  if (last === null) return [{ kind: 'error', literal: `error expected: keyword found '${buffer}'` }, i];
  return [last, start + last.literal.length];
}

/** Splits a selector string into tokens, ending with one 'end' (or 'error') token. */
function lex(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  for (;;) {
    while (i < input.length && isWhitespace(input.charAt(i))) i += 1;
    if (i >= input.length) break;
    if (isSpecialSymbol(input.charAt(i))) {
      const [token, next] = scanSymbol(input, i);
      tokens.push(token);
      if (token.kind === 'error') return tokens;
      i = next;
      continue;
    }
    const start = i;
    while (i < input.length && !isWhitespace(input.charAt(i)) && !isSpecialSymbol(input.charAt(i))) i += 1;
    const literal = input.slice(start, i);
    tokens.push({ kind: literal === 'in' || literal === 'notin' ? literal : 'identifier', literal });
  }
  tokens.push({ kind: 'end', literal: '' });
  return tokens;
}

class ParseError extends Error {}

const binaryOperators: Readonly<Partial<Record<TokenKind, SelectionOperator>>> = {
  in: 'in',
  '=': '=',
  '==': '==',
  '>': 'gt',
  '<': 'lt',
  notin: 'notin',
  '!=': '!=',
};

/** Upstream's recursive-descent `Parser`, over the token list. */
class Parser {
  private position = 0;
  constructor(private readonly tokens: readonly Token[]) {}

  /** In the "values" context the words `in`/`notin` are plain identifiers. */
  private peek(asValues: boolean): Token {
    const token = this.tokens[this.position] ?? { kind: 'end', literal: '' };
    if (asValues && (token.kind === 'in' || token.kind === 'notin'))
      return { kind: 'identifier', literal: token.literal };
    return token;
  }

  private next(asValues: boolean): Token {
    const token = this.peek(asValues);
    if (this.position < this.tokens.length - 1) this.position += 1;
    return token;
  }

  parse(): Requirement[] {
    const requirements: Requirement[] = [];
    for (;;) {
      const lookahead = this.peek(true);
      if (lookahead.kind === 'end') return requirements;
      if (lookahead.kind !== 'identifier' && lookahead.kind !== '!') {
        throw new ParseError(`found '${lookahead.literal}', expected: !, identifier, or 'end of string'`);
      }
      requirements.push(this.parseRequirement());
      const after = this.next(true);
      if (after.kind === 'end') return requirements;
      if (after.kind !== ',')
        throw new ParseError(`found '${after.literal}', expected: ',' or 'end of string'`);
      const following = this.peek(true);
      if (following.kind !== 'identifier' && following.kind !== '!') {
        throw new ParseError(`found '${following.literal}', expected: identifier after ','`);
      }
    }
  }

  private parseRequirement(): Requirement {
    let token = this.next(true);
    let operator: SelectionOperator | null = null;
    if (token.kind === '!') {
      operator = '!';
      token = this.next(true);
    }
    if (token.kind !== 'identifier') throw new ParseError(`found '${token.literal}', expected: identifier`);
    const key = token.literal;
    const keyErrs = isQualifiedName(key);
    if (keyErrs.length > 0)
      throw new ParseError(`invalid label key ${JSON.stringify(key)}: ${keyErrs.join('; ')}`);
    const following = this.peek(true).kind;
    if (operator === null && (following === 'end' || following === ',')) operator = 'exists';
    if (operator === null) {
      operator = this.parseOperator();
      const values = operator === 'in' || operator === 'notin' ? this.parseValues() : this.parseExactValue();
      return this.build(key, operator, values);
    }
    return this.build(key, operator, []);
  }

  private build(key: string, operator: SelectionOperator, values: string[]): Requirement {
    const r = newRequirement(key, operator, values);
    if (!r.ok) throw new ParseError(r.error);
    return r.value;
  }

  private parseOperator(): SelectionOperator {
    const token = this.next(false);
    const op = binaryOperators[token.kind];
    if (op === undefined)
      throw new ParseError(`found '${token.literal}', expected: in, notin, =, ==, !=, gt, lt`);
    return op;
  }

  /** `( v1, v2 )`, sorted and deduplicated as upstream's string set; `()` means the empty value. */
  private parseValues(): string[] {
    const open = this.next(true);
    if (open.kind !== '(') throw new ParseError(`found '${open.literal}' expected: '('`);
    const first = this.peek(true);
    if (first.kind === ')') {
      this.next(true);
      return [''];
    }
    if (first.kind !== 'identifier' && first.kind !== ',') {
      throw new ParseError(`found '${first.literal}', expected: ',', ')' or identifier`);
    }
    const values = this.parseIdentifiers();
    const close = this.next(true);
    if (close.kind !== ')') throw new ParseError(`found '${close.literal}', expected: ')'`);
    return [...values].sort();
  }

  private parseIdentifiers(): Set<string> {
    const values = new Set<string>();
    for (;;) {
      const token = this.next(true);
      if (token.kind === 'identifier') {
        values.add(token.literal);
        const following = this.peek(true);
        if (following.kind === ')') return values;
        if (following.kind !== ',')
          throw new ParseError(`found '${following.literal}', expected: ',' or ')'`);
      } else if (token.kind === ',') {
        // "(,", ",," and ",)" each stand for an empty value.
        if (values.size === 0) values.add('');
        const following = this.peek(true);
        if (following.kind === ')') {
          values.add('');
          return values;
        }
        if (following.kind === ',') {
          this.next(true);
          values.add('');
        }
      } else {
        throw new ParseError(`found '${token.literal}', expected: ',', or identifier`);
      }
    }
  }

  private parseExactValue(): string[] {
    const following = this.peek(true);
    if (following.kind === 'end' || following.kind === ',') return [''];
    const token = this.next(true);
    if (token.kind === 'identifier') return [token.literal];
    throw new ParseError(`found '${token.literal}', expected: identifier`);
  }
}

/** A label selector string compiled for matching, or why it is invalid. */
export type LabelSelectorStringResult =
  ({ readonly ok: true } & Selector) | { readonly ok: false; readonly error: string };

/**
 * Parses a label selector string (`labels.Parse`). The empty string selects everything.
 * Never throws: a malformed string yields `{ ok: false, error }` with upstream's wording.
 */
export function parseLabelSelectorString(input: string): LabelSelectorStringResult {
  const tokens = lex(String(input));
  const bad = tokens.find((t) => t.kind === 'error');
  if (bad !== undefined) return { ok: false, error: `unable to parse requirement: ${bad.literal}` };
  try {
    const requirements = new Parser(tokens).parse();
    requirements.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return { ok: true, ...selectorOf(requirements) };
  } catch (error) {
    if (error instanceof ParseError)
      return { ok: false, error: `unable to parse requirement: ${error.message}` };
    throw error;
  }
}

/** Convenience for callers that only need the requirements list. */
export function parseLabelSelectorRequirements(input: string): Parsed<readonly Requirement[]> {
  const parsed = parseLabelSelectorString(input);
  return parsed.ok ? { ok: true, value: parsed.requirements } : { ok: false, error: parsed.error };
}
