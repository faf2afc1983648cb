import type { Exclusion, NumericComparison, Pattern, PatternEntry, ValueCondition } from '../../runtime/manifest/schema.js';
import { parseCidr } from '../../runtime/pattern/ip.js';
import { parseWildcard } from '../../runtime/pattern/wildcard.js';
import type { Reporter } from '../diagnostics/reporter.js';
import { suggest } from '../diagnostics/suggest.js';
import type { SourceFile } from '../source/source-file.js';
import type { Span } from '../source/span.js';
import type { Argument, CallValue, Comparison, Setting, SettingsBlock, Value } from '../syntax/ast.js';
import { orWords } from './scope.js';

/**
 * The pattern language of `match` (docs/language.md, "Patterns"): a block of fields, each
 * matched by values and operators written as calls, `region = prefix("us-")`,
 * `amount = numeric(> 0, <= 100)`, and alternatives written `any_of({ … }, { … })`. Reading a
 * block checks its form (FL2010, FL2009) and gives the pattern with the spans of what was
 * written, so that the typed checks can point at a value; `manifestPattern` drops the spans.
 *
 * The language is the same wherever a pattern filters content; the operators and their
 * arguments follow the EventBridge reference,
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html, and
 * AWS's matcher, aws/event-ruler (`JsonRuleCompiler.java`), which refuses the same things.
 */

export interface SourcePattern {
  readonly block: SettingsBlock;
  readonly entries: readonly SourceEntry[];
}

export type SourceEntry =
  | {
      readonly kind: 'field';
      /** The event's field name (after aliases). */
      readonly name: string;
      readonly setting: Setting;
      readonly match: SourceFieldMatch;
    }
  | { readonly kind: 'anyOf'; readonly setting: Setting; readonly alternatives: readonly SourcePattern[] };

export type SourceFieldMatch =
  | { readonly kind: 'nested'; readonly pattern: SourcePattern }
  | { readonly kind: 'values'; readonly value: Value; readonly conditions: readonly SourceCondition[] };

export interface SourceCondition {
  readonly condition: ValueCondition;
  /** What was written: the value or the call. */
  readonly node: Value;
  /** The written items of `anything_but([…])`, to point at one of them. */
  readonly items?: readonly Value[];
}

export interface PatternOptions {
  /** Top-level keys that stand for other field names: `detail_type` → `detail-type`. */
  readonly aliases?: Readonly<Record<string, string>>;
}

/** The operators a field's value can be; `any_of` is an entry of a block instead. */
export const valueOperators = ['prefix', 'suffix', 'equals_ignore_case', 'wildcard', 'anything_but', 'numeric', 'exists', 'cidr'] as const;
export const entryOperators = ['any_of'] as const;

/** Words people write for an operator, and the operator they mean. */
const operatorAliases: Readonly<Record<string, string>> = {
  begins_with: 'prefix',
  starts_with: 'prefix',
  startswith: 'prefix',
  ends_with: 'suffix',
  endswith: 'suffix',
  not: 'anything_but',
  not_in: 'anything_but',
  none_of: 'anything_but',
  anythingbut: 'anything_but',
  ignore_case: 'equals_ignore_case',
  equalsignorecase: 'equals_ignore_case',
  iequals: 'equals_ignore_case',
  like: 'wildcard',
  glob: 'wildcard',
  matches: 'wildcard',
  contains: 'wildcard',
  range: 'numeric',
  between: 'numeric',
  number: 'numeric',
  exist: 'exists',
  present: 'exists',
  ip: 'cidr',
  in_cidr: 'cidr',
  or: 'any_of',
  any: 'any_of',
  anyof: 'any_of',
  one_of: 'any_of',
};

/**
 * Field names event-ruler refuses anywhere inside a `$or` ("… is Ruler reserved fieldName which
 * cannot be used inside $or."), those a .flow name can spell.
 */
const reservedInAnyOf: ReadonlySet<string> = new Set(['exactly', 'prefix', 'suffix', 'exists', 'wildcard', 'numeric', 'cidr', 'regex']);

/**
 * The pattern of each block, with the source file of the compile that read it: `flowc watch`
 * compiles again with the unchanged statements' nodes (syntax/statement-cache.ts), and a new
 * compile (a new SourceFile) reads the block again, to report its mistakes again. The checks of
 * other stages (program.ts) share the compile's source, and its reading.
 */
const cache = new WeakMap<SettingsBlock, { readonly pattern: SourcePattern; readonly failed: boolean; readonly source: SourceFile | undefined }>();

function read(block: SettingsBlock, reporter: Reporter | undefined, options: PatternOptions): { readonly pattern: SourcePattern; readonly failed: boolean } {
  const cached = cache.get(block);
  if (cached && (reporter === undefined || reporter.source === cached.source)) return cached;
  // A syntax error in the statement is reported; what recovery kept of the block is not judged.
  if (block.damaged) {
    const damaged = { pattern: { block, entries: [] }, failed: true, source: reporter?.source };
    cache.set(block, damaged);
    return damaged;
  }
  const reader = new PatternReader(reporter, options);
  const pattern = reader.block(block, { top: true, inAnyOf: false });
  const result = { pattern, failed: reader.failed, source: reporter?.source };
  cache.set(block, result);
  return result;
}

/**
 * Reads a pattern block, reporting every mistake of form; undefined when there was one. The
 * result is kept per block, so later phases read it again for free with `patternOf`.
 */
export function readPattern(block: SettingsBlock, reporter: Reporter | undefined, options: PatternOptions = {}): SourcePattern | undefined {
  const { pattern, failed } = read(block, reporter, options);
  return failed ? undefined : pattern;
}

/**
 * A pattern as read by resolution, without the parts that had a mistake of form (already
 * reported): what the typed checks judge, so that one run reports every mistake. Dropping a
 * part only widens what the pattern matches, so no check reports more than the user wrote.
 */
export function patternOf(block: SettingsBlock, options: PatternOptions = {}): SourcePattern {
  return read(block, undefined, options).pattern;
}

export function manifestPattern(pattern: SourcePattern): Pattern {
  return {
    entries: pattern.entries.map((entry): PatternEntry => {
      if (entry.kind === 'anyOf') return { kind: 'anyOf', alternatives: entry.alternatives.map(manifestPattern) };
      const match = entry.match;
      return {
        kind: 'field',
        name: entry.name,
        match: match.kind === 'nested' ? { kind: 'nested', pattern: manifestPattern(match.pattern) } : { kind: 'values', conditions: match.conditions.map((c) => c.condition) },
      };
    }),
  };
}

/** How an operator is written, for messages. */
const usage: Readonly<Record<string, string>> = {
  prefix: '`prefix("us-")`, or `prefix(equals_ignore_case("us-"))` to ignore case',
  suffix: '`suffix(".png")`, or `suffix(equals_ignore_case(".png"))` to ignore case',
  equals_ignore_case: '`equals_ignore_case("alice")`',
  wildcard: '`wildcard("dir/*.png")`',
  anything_but: '`anything_but("archived")`, `anything_but(["archived", "deleted"])`, `anything_but(404)` or `anything_but(prefix("test-"))`',
  numeric: '`numeric(> 0, <= 100)` or `numeric(= 5)`',
  exists: '`exists(true)` or `exists(false)`',
  cidr: '`cidr("10.0.0.0/24")`',
  any_of: '`any_of({ source = "a" }, { detail { b = 1 } })`',
};

interface Scope {
  /** At the top of the pattern (or in an `any_of` there): aliases apply. */
  readonly top: boolean;
  readonly inAnyOf: boolean;
}

class PatternReader {
  failed = false;

  constructor(
    private readonly reporter: Reporter | undefined,
    private readonly options: PatternOptions,
  ) {}

  private wrong(at: Span, message: string, help?: string, label?: string): undefined {
    this.failed = true;
    this.reporter?.report('FL2010', at, message, { ...(label === undefined ? {} : { label }), ...(help === undefined ? {} : { help }) });
    return undefined;
  }

  block(block: SettingsBlock, scope: Scope): SourcePattern {
    const entries: SourceEntry[] = [];
    const seen = new Map<string, Setting>();
    let anyOf: Setting | undefined;
    for (const setting of block.entries) {
      if (setting.call) {
        const entry = this.callEntry(setting, scope);
        if (entry === undefined) continue;
        if (anyOf !== undefined) {
          this.failed = true;
          this.reporter?.report('FL2009', setting.name.span, '`any_of` is given twice in one block', {
            label: 'again here',
            secondary: [{ span: anyOf.name.span, message: 'first here' }],
            help: 'put every alternative in one `any_of(…)`, or nest the second inside an alternative of the first',
          });
          continue;
        }
        anyOf = setting;
        entries.push(entry);
        continue;
      }
      const written = setting.name.text;
      const name = scope.top ? (this.options.aliases?.[written] ?? written) : written;
      if (scope.inAnyOf && reservedInAnyOf.has(name)) {
        this.wrong(setting.name.span, `EventBridge does not allow a field named \`${name}\` inside \`any_of\``, 'event-ruler reserves the operator names inside `$or`; match this field outside `any_of`', 'a reserved name');
        continue;
      }
      const first = seen.get(name);
      if (first !== undefined) {
        this.failed = true;
        this.reporter?.report('FL2009', setting.name.span, `\`${written}\` is matched twice in one block`, {
          label: 'matched again here',
          secondary: [{ span: first.name.span, message: 'first matched here' }],
          help: 'a field is matched once; list its values together: `field = ["a", "b"]`',
        });
        continue;
      }
      seen.set(name, setting);
      const match = this.fieldMatch(setting, { top: false, inAnyOf: scope.inAnyOf });
      if (match) entries.push({ kind: 'field', name, setting, match });
    }
    const pattern = { block, entries };
    this.checkTwiceThroughAnyOf(pattern);
    return pattern;
  }

  /** `any_of({ … }, { … })` as an entry; another operator here is a value written without its field. */
  private callEntry(setting: Setting, scope: Scope): SourceEntry | undefined {
    const call = setting.value as CallValue;
    const name = setting.name.text;
    if (name !== 'any_of') {
      if ((valueOperators as readonly string[]).includes(name)) {
        return this.wrong(setting.name.span, `\`${name}(…)\` is the value of a field`, `write it after the field it matches: \`field = ${name}(…)\``, 'not an entry');
      }
      return this.wrong(setting.name.span, `unknown pattern entry \`${name}(…)\``, this.operatorHint(name, entryOperators) ?? `alternatives are written ${usage.any_of}`, 'not an operator');
    }
    const alternatives: SourcePattern[] = [];
    let ok = true;
    for (const argument of call.args) {
      if (argument.kind !== 'SettingsBlock') {
        if (argument.kind !== 'InvalidValue') this.wrong(argument.span, 'each alternative of `any_of` is a block of fields', `write ${usage.any_of}`, `found ${describe(argument)}`);
        ok = false;
        continue;
      }
      alternatives.push(this.block(argument, { top: scope.top, inAnyOf: true }));
    }
    if (ok && call.args.length < 2) {
      return this.wrong(call.span, `\`any_of\` needs at least two alternatives, found ${call.args.length}`, call.args.length === 1 ? 'write the fields of the one alternative directly in the block' : `write ${usage.any_of}`, 'EventBridge refuses a `$or` of fewer than two');
    }
    return ok ? { kind: 'anyOf', setting, alternatives } : undefined;
  }

  private fieldMatch(setting: Setting, scope: Scope): SourceFieldMatch | undefined {
    const value = setting.value;
    if (value.kind === 'SettingsBlock') return { kind: 'nested', pattern: this.block(value, scope) };
    if (value.kind === 'ListValue') {
      const conditions: SourceCondition[] = [];
      for (const item of value.items) {
        if (item.kind === 'ListValue') {
          this.wrong(item.span, 'a list in a pattern holds values and operators, not lists', 'write the values in one list: `field = ["a", "b"]`', 'a list in a list');
          continue;
        }
        if (item.kind === 'SettingsBlock') {
          this.wrong(item.span, 'a list in a pattern holds values and operators, not blocks', blockOperatorHint(item, setting.name.text) ?? 'a nested field is written `field { inner = "x" }`', 'a block');
          continue;
        }
        const condition = this.condition(item);
        if (condition) conditions.push(condition);
      }
      return { kind: 'values', value, conditions };
    }
    const condition = this.condition(value);
    return condition ? { kind: 'values', value, conditions: [condition] } : undefined;
  }

  /** One value a field may match: a scalar, or an operator call. */
  private condition(value: Value): SourceCondition | undefined {
    switch (value.kind) {
      case 'StringValue':
      case 'NumberValue':
      case 'BooleanValue':
        return { condition: { kind: 'equals', value: value.value }, node: value };
      case 'PathValue':
        if (value.text === 'null') return { condition: { kind: 'equals', value: null }, node: value };
        return this.wrong(value.span, 'a pattern value must be a string, a number, `true`, `false`, `null`, a list or an operator', `quote text values: \`"${value.text}"\``, `found \`${value.text}\``);
      case 'CallValue':
        return this.call(value);
      case 'DurationValue':
        return this.wrong(value.span, 'a pattern value must be a string, a number, `true`, `false`, `null`, a list or an operator', `events hold durations as numbers or text: write \`${value.amount}\` or \`"${value.raw}"\``, `found the duration ${value.raw}`);
      case 'InvalidValue':
        this.failed = true;
        return undefined;
      case 'ListValue':
      case 'SettingsBlock':
        return undefined; // handled by the caller
    }
  }

  private call(call: CallValue): SourceCondition | undefined {
    const callee = call.callee;
    if (callee.segments.length > 1) return this.wrong(callee.span, `\`${callee.text}\` is not an operator`, 'an operator name is one word, such as `prefix`', 'not an operator');
    const name = callee.text;
    const args = call.args;
    const badComparison = name === 'numeric' ? undefined : args.find((a): a is Comparison => a.kind === 'Comparison');
    if (badComparison) return this.wrong(badComparison.span, `a comparison such as \`${badComparison.operator} 0\` is an argument of \`numeric(…)\``, `write \`numeric(${badComparison.operator} …)\``, 'not an argument of this operator');
    const done = (condition: ValueCondition | undefined, items?: readonly Value[]): SourceCondition | undefined =>
      condition === undefined ? undefined : { condition, node: call, ...(items === undefined ? {} : { items }) };
    switch (name) {
      case 'prefix':
      case 'suffix': {
        const [only] = this.arity(call, 1);
        if (only === undefined) return undefined;
        if (only.kind === 'StringValue') return done({ kind: name, value: only.value, ignoreCase: false });
        if (only.kind === 'CallValue' && only.callee.text === 'equals_ignore_case') {
          const inner = this.stringArgument(only, 'equals_ignore_case');
          return inner === undefined ? undefined : done({ kind: name, value: inner, ignoreCase: true });
        }
        return this.wrongArgument(only, name);
      }
      case 'equals_ignore_case': {
        const value = this.stringArgument(call, name);
        return value === undefined ? undefined : done({ kind: 'equalsIgnoreCase', value });
      }
      case 'wildcard': {
        const value = this.stringArgument(call, name);
        if (value === undefined) return undefined;
        const parsed = parseWildcard(value);
        if (typeof parsed === 'string') return this.wrong(call.args[0]?.span ?? call.span, `EventBridge refuses this wildcard: ${parsed}`, 'a `*` stands for any run of characters; a literal star is written `\\\\*` (a backslash, escaped in the string)', 'not a wildcard EventBridge accepts');
        return done({ kind: 'wildcard', value });
      }
      case 'cidr': {
        const value = this.stringArgument(call, name);
        if (value === undefined) return undefined;
        const parsed = parseCidr(value);
        if (typeof parsed === 'string') return this.wrong(call.args[0]?.span ?? call.span, `\`${value}\` is not a CIDR block: ${parsed}`, `write ${usage.cidr} or \`cidr("2001:db8::/32")\``, 'not a CIDR block');
        return done({ kind: 'cidr', value });
      }
      case 'exists': {
        const [only] = this.arity(call, 1);
        if (only === undefined) return undefined;
        if (only.kind !== 'BooleanValue') return this.wrongArgument(only, name);
        return done({ kind: 'exists', value: only.value });
      }
      case 'numeric':
        return done(this.numeric(call));
      case 'anything_but': {
        const [only] = this.arity(call, 1);
        if (only === undefined) return undefined;
        const excluded = this.exclusion(only);
        return excluded === undefined ? undefined : done({ kind: 'anythingBut', excluded }, only.kind === 'ListValue' ? only.items : undefined);
      }
      case 'any_of':
        return this.wrong(callee.span, '`any_of` is an entry of a block, not the value of a field', `write it beside the fields: ${usage.any_of}`, 'not a value');
      default:
        return this.wrong(callee.span, `unknown operator \`${name}\``, this.operatorHint(name, valueOperators) ?? `the operators are ${orWords(valueOperators.map((o) => `\`${o}\``))}`, 'not an operator');
    }
  }

  /** "did you mean `anything_but`?", also through the words people use (`starts_with` → `prefix`). */
  private operatorHint(name: string, candidates: readonly string[]): string | undefined {
    const lower = name.toLowerCase();
    const alias = operatorAliases[lower] ?? operatorAliases[lower.replaceAll('_', '')];
    if (alias !== undefined && candidates.includes(alias)) return `did you mean \`${alias}\`? ${usage[alias] ?? ''}`.trim();
    if (alias !== undefined) return `\`${alias}\` is written ${usage[alias] ?? ''}`;
    const found = suggest(name, candidates, 1)[0];
    if (found !== undefined) return `did you mean \`${found}\`? ${usage[found] ?? ''}`.trim();
    const other = suggest(name, [...valueOperators, ...entryOperators].filter((o) => !candidates.includes(o)), 1)[0];
    return other === undefined ? undefined : `\`${other}\` is written ${usage[other] ?? ''}`;
  }

  /** The arguments of a call that takes exactly `count` values (not comparisons). */
  private arity(call: CallValue, count: number): (Value | undefined)[] {
    const name = call.callee.text;
    const args = call.args.filter((a): a is Value => a.kind !== 'Comparison');
    if (args.some((a) => a.kind === 'InvalidValue')) {
      this.failed = true;
      return [];
    }
    if (args.length !== count) {
      this.wrong(call.span, `\`${name}\` takes ${count === 1 ? 'one argument' : `${count} arguments`}, found ${args.length}`, `write ${usage[name] ?? `\`${name}(…)\``}`, 'wrong number of arguments');
      return [];
    }
    return args;
  }

  private stringArgument(call: CallValue, name: string): string | undefined {
    const [only] = this.arity(call, 1);
    if (only === undefined) return undefined;
    if (only.kind !== 'StringValue') return this.wrongArgument(only, name);
    return only.value;
  }

  private wrongArgument(argument: Argument, name: string): undefined {
    return this.wrong(argument.span, `\`${name}\` does not take ${describe(argument)}`, `write ${usage[name] ?? `\`${name}(…)\``}`, `found ${describe(argument)}`);
  }

  /**
   * `numeric(…)`: one bound, a lower bound then an upper bound, or `= n` alone — the forms
   * event-ruler accepts (`[">", 0, "<=", 5]`; it refuses the upper bound first).
   */
  private numeric(call: CallValue): ValueCondition | undefined {
    const comparisons: NumericComparison[] = [];
    for (const argument of call.args) {
      if (argument.kind !== 'Comparison') {
        if (argument.kind === 'NumberValue') return this.wrong(argument.span, `\`numeric\` takes comparisons such as \`> 0\`, found the number ${argument.raw}`, `write \`numeric(= ${argument.raw})\`, or match the number itself: \`field = ${argument.raw}\``, 'a number without a comparison');
        if (argument.kind === 'InvalidValue') {
          this.failed = true;
          return undefined;
        }
        return this.wrongArgument(argument, 'numeric');
      }
      if (argument.operand.kind === 'InvalidValue') {
        this.failed = true;
        return undefined;
      }
      comparisons.push({ operator: argument.operator, value: argument.operand.value });
    }
    const text = (list: readonly NumericComparison[]) => `numeric(${list.map((c) => `${c.operator} ${c.value}`).join(', ')})`;
    const [a, b] = comparisons;
    const lower = (c: NumericComparison | undefined) => c?.operator === '>' || c?.operator === '>=';
    const upper = (c: NumericComparison | undefined) => c?.operator === '<' || c?.operator === '<=';
    if (a === undefined || comparisons.length > 2) {
      return this.wrong(call.span, `\`numeric\` takes one or two comparisons, found ${comparisons.length}`, `write ${usage.numeric}`, 'wrong number of comparisons');
    }
    if (b === undefined) return { kind: 'numeric', comparisons };
    if (a.operator === '=' || b.operator === '=') {
      return this.wrong(call.span, '`= n` is a comparison on its own', `write \`${text([a.operator === '=' ? a : b])}\``, 'cannot be combined');
    }
    if (upper(a) && lower(b)) {
      return this.wrong(call.span, 'the lower bound comes first', `write \`${text([b, a])}\` (EventBridge refuses the upper bound first)`, 'upper bound before lower bound');
    }
    if (!(lower(a) && upper(b))) {
      return this.wrong(call.span, `\`numeric\` takes at most one lower and one upper bound`, `write one lower bound and one upper bound, such as \`numeric(> 0, <= 100)\``, 'two bounds on the same side');
    }
    const empty = a.value > b.value || (a.value === b.value && (a.operator === '>' || b.operator === '<'));
    if (empty) return this.wrong(call.span, `no number is ${a.operator} ${a.value} and ${b.operator} ${b.value}`, 'the lower bound must be below the upper bound', 'an empty range');
    return { kind: 'numeric', comparisons };
  }

  /** What `anything_but(…)` excludes, in the forms the EventBridge reference shows. */
  private exclusion(argument: Value): Exclusion | undefined {
    switch (argument.kind) {
      case 'StringValue':
      case 'NumberValue':
        return { kind: 'values', values: argument.value };
      case 'ListValue': {
        const strings: string[] = [];
        const numbers: number[] = [];
        for (const item of argument.items) {
          if (item.kind === 'StringValue') strings.push(item.value);
          else if (item.kind === 'NumberValue') numbers.push(item.value);
          else if (item.kind === 'InvalidValue') this.failed = true;
          else return this.wrong(item.span, `\`anything_but\` excludes strings or numbers, not ${describe(item)}`, 'EventBridge refuses other values inside anything-but', `found ${describe(item)}`);
        }
        if (strings.length > 0 && numbers.length > 0) {
          return this.wrong(argument.span, '`anything_but` excludes strings or numbers, not both', 'EventBridge needs a list of only strings or only numbers; write two rules, or match the numbers with `numeric(…)`', 'strings and numbers');
        }
        return { kind: 'values', values: numbers.length > 0 ? numbers : strings };
      }
      case 'CallValue': {
        const name = argument.callee.text;
        const kind = name === 'prefix' ? 'prefix' : name === 'suffix' ? 'suffix' : name === 'wildcard' ? 'wildcard' : name === 'equals_ignore_case' ? 'equalsIgnoreCase' : undefined;
        if (kind === undefined) {
          return this.wrong(argument.span, `\`anything_but\` does not take \`${name}(…)\``, 'it takes values, or one of `prefix`, `suffix`, `wildcard` and `equals_ignore_case`', 'not an exclusion');
        }
        const [only] = this.arity(argument, 1);
        if (only === undefined) return undefined;
        if (only.kind !== 'StringValue') {
          return this.wrong(only.span, `\`anything_but(${name}(…))\` takes one string`, only.kind === 'ListValue' ? 'the EventBridge reference shows one string here; exclude several with separate rules' : `write \`anything_but(${name}("…"))\``, `found ${describe(only)}`);
        }
        if ((kind === 'prefix' || kind === 'suffix') && only.value === '') {
          return this.wrong(only.span, `\`anything_but(${name}(""))\` excludes every string`, 'EventBridge refuses an empty prefix or suffix here ("Null prefix/suffix not allowed")', 'an empty string');
        }
        if (kind === 'wildcard') {
          const parsed = parseWildcard(only.value);
          if (typeof parsed === 'string') return this.wrong(only.span, `EventBridge refuses this wildcard: ${parsed}`, 'a literal star is written `\\\\*`', 'not a wildcard EventBridge accepts');
        }
        return { kind, value: only.value };
      }
      case 'InvalidValue':
        this.failed = true;
        return undefined;
      default:
        return this.wrongArgument(argument, 'anything_but');
    }
  }

  /**
   * EventBridge refuses a pattern in which one field is matched twice on the way through a
   * `$or` ("Path `…` cannot be allowed multiple times"): a field beside `any_of` that an
   * alternative matches again.
   */
  private checkTwiceThroughAnyOf(pattern: SourcePattern): void {
    const anyOf = pattern.entries.find((e) => e.kind === 'anyOf');
    if (anyOf?.kind !== 'anyOf') return;
    const outside = new Set<string>();
    for (const entry of pattern.entries) if (entry !== anyOf) for (const path of leafPaths(entry)) outside.add(path);
    for (const alternative of anyOf.alternatives) {
      for (const entry of alternative.entries) {
        const again = leafPaths(entry).find((path) => outside.has(path));
        if (again === undefined || entry.kind !== 'field') continue;
        this.wrong(entry.setting.name.span, `\`${again}\` is matched both beside \`any_of\` and inside it`, 'EventBridge refuses a field matched twice; move the outer condition into each alternative', 'matched again here');
      }
    }
  }
}

/** The leaf paths an entry matches, through nesting and alternatives: `detail.total`. */
function leafPaths(entry: SourceEntry, prefix = ''): string[] {
  if (entry.kind === 'anyOf') return entry.alternatives.flatMap((a) => a.entries.flatMap((e) => leafPaths(e, prefix)));
  const path = `${prefix}${entry.name}`;
  return entry.match.kind === 'values' ? [path] : entry.match.pattern.entries.flatMap((e) => leafPaths(e, `${path}.`));
}

/** `{ prefix = "ord" }` inside a list, the operator form older flowc read: the call that means it. */
function blockOperatorHint(block: SettingsBlock, field: string): string | undefined {
  const [only] = block.entries;
  if (only === undefined || block.entries.length !== 1) return undefined;
  const name = only.name.text.replaceAll('-', '_');
  if (!(valueOperators as readonly string[]).includes(name)) return undefined;
  return `an operator is written as a call: \`${field} = ${name}(…)\``;
}

function describe(argument: Argument): string {
  switch (argument.kind) {
    case 'StringValue':
      return 'a string';
    case 'NumberValue':
      return `the number ${argument.raw}`;
    case 'DurationValue':
      return `the duration ${argument.raw}`;
    case 'BooleanValue':
      return `\`${argument.value}\``;
    case 'PathValue':
      return `\`${argument.text}\``;
    case 'ListValue':
      return 'a list';
    case 'SettingsBlock':
      return 'a block';
    case 'CallValue':
      return `\`${argument.callee.text}(…)\``;
    case 'Comparison':
      return `the comparison \`${argument.operator} …\``;
    case 'InvalidValue':
      return 'an invalid value';
  }
}
