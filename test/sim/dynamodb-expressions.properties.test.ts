// Property tests of the simulated DynamoDB's expression parser and evaluator: random condition
// trees over a few attributes, written as text the way a caller would (placeholders or bare
// names, any keyword case, the fewest parentheses AWS's precedence allows, or extra ones),
// parsed and evaluated against random items, must agree with a model of AWS's semantics
// written here independently of the evaluator
// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.OperatorsAndFunctions.html).
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { applyUpdate, evaluate } from '../../runtime/sim/services/dynamodb-expression-eval.js';
import { parseCondition, parseUpdate, Placeholders, type Value } from '../../runtime/sim/services/dynamodb-expression-parser.js';

type Item = Record<string, Value>;
const attributes = ['id', 'status', 'expiration', 'lockedUntil'] as const;
type Attribute = (typeof attributes)[number];
type Op = '=' | '<>' | '<' | '<=' | '>' | '>=';

type Tree =
  | { kind: 'exists' | 'missing'; attribute: Attribute }
  | { kind: 'compare'; op: Op; attribute: Attribute; value: Value }
  | { kind: 'not'; operand: Tree }
  | { kind: 'and' | 'or'; left: Tree; right: Tree };

const scalar = fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constantFrom('', 'a', 'b', 'IN_PROGRESS', 'COMPLETED', 'é'));
const attribute = fc.constantFrom(...attributes);
const op = fc.constantFrom<Op>('=', '<>', '<', '<=', '>', '>=');

const tree: fc.Arbitrary<Tree> = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ kind: fc.constantFrom('exists' as const, 'missing' as const), attribute }),
    fc.record({ kind: fc.constant('compare' as const), op, attribute, value: scalar }),
    fc.record({ kind: fc.constant('not' as const), operand: tie('tree') }),
    fc.record({ kind: fc.constantFrom('and' as const, 'or' as const), left: tie('tree'), right: tie('tree') }),
  ),
})).tree;

const item: fc.Arbitrary<Item | undefined> = fc.option(
  fc.record(Object.fromEntries(attributes.map((a) => [a, scalar])) as Record<Attribute, fc.Arbitrary<Value>>, { requiredKeys: [] }),
  { nil: undefined },
);

/** AWS's semantics, for strings and numbers: a missing attribute equals nothing, differs from everything, orders with nothing. */
function model(t: Tree, on: Item | undefined): boolean {
  switch (t.kind) {
    case 'exists':
      return on?.[t.attribute] !== undefined;
    case 'missing':
      return on?.[t.attribute] === undefined;
    case 'not':
      return !model(t.operand, on);
    case 'and':
      return model(t.left, on) && model(t.right, on);
    case 'or':
      return model(t.left, on) || model(t.right, on);
    case 'compare': {
      const a = on?.[t.attribute];
      const b = t.value;
      if (a === undefined) return t.op === '<>';
      if (typeof a !== typeof b) return t.op === '<>';
      if (t.op === '=') return a === b;
      if (t.op === '<>') return a !== b;
      // Strings order by their UTF-8 bytes.
      const order = typeof a === 'number' ? a - (b as number) : Buffer.compare(Buffer.from(a as string), Buffer.from(b as string));
      return t.op === '<' ? order < 0 : t.op === '<=' ? order <= 0 : t.op === '>' ? order > 0 : order >= 0;
    }
  }
}

interface Style {
  /** `#name` placeholders rather than bare names (never for `status`, a reserved word). */
  readonly placeholders: boolean;
  readonly upperCase: boolean;
  /** Parentheses around every operator, not only where precedence needs them. */
  readonly allParentheses: boolean;
}

const precedence = { or: 1, and: 2, not: 3, atom: 4 } as const;

/** The expression's text, its placeholders filled in as it goes. */
function render(t: Tree, style: Style, names: Record<string, string>, values: Record<string, Value>): { text: string; level: number } {
  const keyword = (word: string) => (style.upperCase ? word.toUpperCase() : word.toLowerCase());
  const name = (a: Attribute) => {
    if (!style.placeholders && a !== 'status') return a;
    names[`#${a}`] = a;
    return `#${a}`;
  };
  const wrap = (inner: { text: string; level: number }, atLeast: number) => (style.allParentheses || inner.level < atLeast ? `(${inner.text})` : inner.text);
  switch (t.kind) {
    case 'exists':
      return { text: `attribute_exists(${name(t.attribute)})`, level: precedence.atom };
    case 'missing':
      return { text: `attribute_not_exists ( ${name(t.attribute)} )`, level: precedence.atom };
    case 'compare': {
      const placeholder = `:v${Object.keys(values).length}`;
      values[placeholder] = t.value;
      return { text: `${name(t.attribute)} ${t.op} ${placeholder}`, level: precedence.atom };
    }
    case 'not':
      return { text: `${keyword('not')} ${wrap(render(t.operand, style, names, values), precedence.not)}`, level: precedence.not };
    case 'and':
    case 'or': {
      const level = precedence[t.kind];
      // Both operators are associative: the right operand needs parentheses only below their level.
      const left = wrap(render(t.left, style, names, values), level);
      const right = wrap(render(t.right, style, names, values), level);
      return { text: `${left} ${keyword(t.kind)} ${right}`, level };
    }
  }
}

const style = fc.record({ placeholders: fc.boolean(), upperCase: fc.boolean(), allParentheses: fc.boolean() });

describe('condition expressions: parsed text evaluates as AWS defines it', () => {
  test('any tree, in any style, agrees with the model on any item (or no item)', () => {
    fc.assert(
      fc.property(tree, style, item, (t, s, on) => {
        const names: Record<string, string> = {};
        const values: Record<string, Value> = {};
        const { text } = render(t, s, names, values);
        const placeholders = new Placeholders(names, values);
        const result = evaluate(parseCondition(text, 'ConditionExpression', placeholders), on);
        placeholders.checkAllUsed();
        expect(result).toBe(model(t, on));
      }),
      { numRuns: 400 },
    );
  });

  test('NOT binds tighter than AND, and AND tighter than OR', () => {
    // Without precedence these read differently on an item where a holds and b does not.
    const names = {};
    const on: Item = { a: 1 };
    const parsed = (text: string) => evaluate(parseCondition(text, 'ConditionExpression', new Placeholders(names, {})), on);
    expect(parsed('attribute_exists(a) OR attribute_exists(b) AND attribute_exists(b)')).toBe(true);
    expect(parsed('NOT attribute_exists(b) AND attribute_exists(b)')).toBe(false);
    expect(parsed('NOT (attribute_exists(b) AND attribute_exists(b))')).toBe(true);
  });
});

describe('update expressions: SET and REMOVE against a model of the item', () => {
  const action = fc.record({ attribute: fc.constantFrom('status', 'expiration', 'lockedUntil', 'data'), value: fc.option(scalar, { nil: undefined }) });
  test('any sequence of updates leaves the item the model predicts, its key untouched', () => {
    fc.assert(
      fc.property(fc.array(fc.uniqueArray(action, { selector: (a) => a.attribute, minLength: 1 }), { maxLength: 6 }), (updates) => {
        const key: Item = { id: 'k' };
        let stored: Item | undefined;
        const expected = new Map<string, Value>([['id', 'k']]);
        for (const changes of updates) {
          const names: Record<string, string> = {};
          const values: Record<string, Value> = {};
          const sets = changes.filter((c) => c.value !== undefined).map((c, i) => ((names[`#${c.attribute}`] = c.attribute), (values[`:s${i}`] = c.value as Value), `#${c.attribute} = :s${i}`));
          const removes = changes.filter((c) => c.value === undefined).map((c) => ((names[`#${c.attribute}`] = c.attribute), `#${c.attribute}`));
          const text = [sets.length > 0 ? `SET ${sets.join(', ')}` : '', removes.length > 0 ? `REMOVE ${removes.join(', ')}` : ''].filter(Boolean).join(' ');
          stored = applyUpdate(stored, key, parseUpdate(text, new Placeholders(names, values))) as Item;
          for (const c of changes) {
            if (c.value === undefined) expected.delete(c.attribute);
            else expected.set(c.attribute, c.value);
          }
          expect(stored).toEqual(Object.fromEntries(expected));
        }
      }),
      { numRuns: 200 },
    );
  });
});
