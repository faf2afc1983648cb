import { describe, expect, test } from 'vitest';
import { buildTemplate } from '../../compiler/emit/cloudformation/index.js';
import { checkText, compileText } from '../../compiler/program.js';
import type { RuleEdge } from '../../runtime/manifest/schema.js';
import { eventBridgePattern } from '../../runtime/pattern/event-bridge.js';

/**
 * The pattern language of `match`: what its forms mean (the JSON they lower to), the mistakes
 * of form (FL2010, FL2009) in the user's words with the fix, and the typed judgements that
 * depend on the bus (payloads, FL3008, FL3009). Each mistake costs exactly one diagnostic.
 */

const head = `app shop
type Order = { id: string, status: "placed" | "paid" | "archived", total: number, region: string, tags: string[], customer: { id: string, tier: string } }
bus orders: Order
topic placed: Order
fn place(Order) { sends = [orders] }
fn take(Order)
placed -> place
`;

function diagnostics(pattern: string, extra = ''): string[] {
  return checkText('t.flow', `${head}${extra}orders -> take { match { ${pattern} } }\n`).diagnostics.map((d) => {
    const at = d.source.position(d.primary.span.start);
    return `${d.code} ${at.line}:${at.column} ${d.message}${d.help === undefined ? '' : ` | ${d.help}`}`;
  });
}

function lowered(pattern: string): unknown {
  const result = compileText('t.flow', `${head}orders -> take { match { ${pattern} } }\n`);
  expect(result.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([]);
  const rule = result.manifest?.edges.find((e): e is RuleEdge => e.kind === 'rule');
  if (rule?.match.kind !== 'pattern') throw new Error('no pattern rule');
  return eventBridgePattern(rule.match.pattern);
}

describe('the forms of a pattern lower to EventBridge JSON', () => {
  test.each([
    ['source = "shop"', { source: ['shop'] }],
    ['detail { status = ["placed", "paid"] }', { detail: { status: ['placed', 'paid'] } }],
    ['detail { region = prefix("us-") }', { detail: { region: [{ prefix: 'us-' }] } }],
    ['detail { region = [prefix("us-"), "eu-west-1"] }', { detail: { region: [{ prefix: 'us-' }, 'eu-west-1'] } }],
    ['detail { region = suffix(equals_ignore_case("-1")) }', { detail: { region: [{ suffix: { 'equals-ignore-case': '-1' } }] } }],
    ['detail { total = numeric(>= 10, < 20) }', { detail: { total: [{ numeric: ['>=', 10, '<', 20] }] } }],
    ['detail { total = numeric(= -1.5) }', { detail: { total: [{ numeric: ['=', -1.5] }] } }],
    ['detail { status = anything_but("archived") }', { detail: { status: [{ 'anything-but': 'archived' }] } }],
    ['detail { total = anything_but(0) }', { detail: { total: [{ 'anything-but': 0 }] } }],
    ['detail { region = anything_but(equals_ignore_case("US-EAST-1")) }', { detail: { region: [{ 'anything-but': { 'equals-ignore-case': 'US-EAST-1' } }] } }],
    ['detail { tags = exists(false) }', { detail: { tags: [{ exists: false }] } }],
    ['detail { customer { tier = null } }', { detail: { customer: { tier: [null] } } }],
  ])('%s', (pattern, json) => {
    expect(lowered(pattern)).toEqual(json);
  });

  test('`detail_type` is `detail-type` at the top level, also inside a top-level any_of, and nowhere else', () => {
    const result = compileText(
      't.flow',
      `app shop
type Inner = { detail_type: string }
type Order = { id: string, inner: Inner }
bus orders: Order
topic placed: Order
fn place(Order) { sends = [orders] }
fn take(Order)
placed -> place
orders -> take { match { source = "shop", any_of({ detail_type = "B" }, { detail { inner { detail_type = "C" } } }) } }
`,
    );
    expect(result.diagnostics).toEqual([]);
    const rule = result.manifest?.edges.find((e): e is RuleEdge => e.kind === 'rule');
    if (rule?.match.kind !== 'pattern') throw new Error('no pattern rule');
    expect(eventBridgePattern(rule.match.pattern)).toEqual({
      source: ['shop'],
      $or: [{ 'detail-type': ['B'] }, { detail: { inner: { detail_type: ['C'] } } }],
    });
  });

  test('entries keep the order they are written in', () => {
    expect(Object.keys(lowered('detail { total = 1 }, source = "shop", detail_type = "x"') as object)).toEqual(['detail', 'source', 'detail-type']);
  });
});

describe('mistakes of form, one diagnostic each, with the fix', () => {
  test.each([
    ['an operator spelled as EventBridge does', 'detail { status = anything-but("archived") }', ['FL1003 8:52 unexpected `-` | names are letters, digits and `_`: write `anything_but`']],
    ['a look-alike operator name', 'detail { status = anythingbut(["archived"]) }', ['FL2010 8:44 unknown operator `anythingbut` | did you mean `anything_but`? `anything_but("archived")`, `anything_but(["archived", "deleted"])`, `anything_but(404)` or `anything_but(prefix("test-"))`']],
    ['a word people use for prefix', 'detail { region = starts_with("us") }', ['FL2010 8:44 unknown operator `starts_with` | did you mean `prefix`? `prefix("us-")`, or `prefix(equals_ignore_case("us-"))` to ignore case']],
    ['the upper bound first', 'detail { total = numeric(<= 100, > 0) }', ['FL2010 8:43 the lower bound comes first | write `numeric(> 0, <= 100)` (EventBridge refuses the upper bound first)']],
    ['two lower bounds', 'detail { total = numeric(> 0, >= 1) }', ['FL2010 8:43 `numeric` takes at most one lower and one upper bound | write one lower bound and one upper bound, such as `numeric(> 0, <= 100)`']],
    ['an empty range', 'detail { total = numeric(> 5, < 1) }', ['FL2010 8:43 no number is > 5 and < 1 | the lower bound must be below the upper bound']],
    ['a number without a comparison', 'detail { total = numeric(5) }', ['FL2010 8:51 `numeric` takes comparisons such as `> 0`, found the number 5 | write `numeric(= 5)`, or match the number itself: `field = 5`']],
    ['a comparison outside numeric', 'detail { region = prefix(> 1) }', ['FL2010 8:51 a comparison such as `> 0` is an argument of `numeric(…)` | write `numeric(> …)`']],
    ['a single-address CIDR', 'detail { region = cidr("10.0.0.1/32") }', ['FL2010 8:49 `10.0.0.1/32` is not a CIDR block: an IPv4 block has at most 31 fixed bits; to match the one address, write it as a value | write `cidr("10.0.0.0/24")` or `cidr("2001:db8::/32")`']],
    ['a malformed IPv6 block', 'detail { region = cidr("2001:db8:::/32") }', ['FL2010 8:49 `2001:db8:::/32` is not a CIDR block: `2001:db8:::` is not an IPv4 or IPv6 address | write `cidr("10.0.0.0/24")` or `cidr("2001:db8::/32")`']],
    ['two stars in a wildcard', 'detail { region = wildcard("a**") }', ['FL2010 8:53 EventBridge refuses this wildcard: two `*` in a row are not allowed | a `*` stands for any run of characters; a literal star is written `\\\\*` (a backslash, escaped in the string)']],
    ['a list of prefixes in anything_but', 'detail { region = anything_but(prefix(["a", "b"])) }', ['FL2010 8:64 `anything_but(prefix(…))` takes one string | the EventBridge reference shows one string here; exclude several with separate rules']],
    ['strings and numbers in anything_but', 'detail { region = anything_but(["a", 1]) }', ['FL2010 8:57 `anything_but` excludes strings or numbers, not both | EventBridge needs a list of only strings or only numbers; write two rules, or match the numbers with `numeric(…)`']],
    ['an empty prefix excluded', 'detail { region = anything_but(prefix("")) }', ['FL2010 8:64 `anything_but(prefix(""))` excludes every string | EventBridge refuses an empty prefix or suffix here ("Null prefix/suffix not allowed")']],
    ['one alternative', 'any_of({ source = "shop" })', ['FL2010 8:26 `any_of` needs at least two alternatives, found 1 | write the fields of the one alternative directly in the block']],
    ['any_of twice', 'any_of({ source = "shop" }, { detail_type = "b" }), any_of({ detail_type = "c" }, { detail_type = "d" })', ['FL2009 8:78 `any_of` is given twice in one block | put every alternative in one `any_of(…)`, or nest the second inside an alternative of the first']],
    ['a field matched beside any_of and inside it', 'source = "shop", any_of({ source = "shop" }, { detail_type = "b" })', ['FL2010 8:52 `source` is matched both beside `any_of` and inside it | EventBridge refuses a field matched twice; move the outer condition into each alternative']],
    ['an operator name inside any_of', 'any_of({ detail { prefix = "a" } }, { source = "shop" })', ['FL2010 8:44 EventBridge does not allow a field named `prefix` inside `any_of` | event-ruler reserves the operator names inside `$or`; match this field outside `any_of`']],
    ['the operator block of older flowc in a list', 'detail { region = [{ prefix = "us-" }] }', ['FL2010 8:45 a list in a pattern holds values and operators, not blocks | an operator is written as a call: `region = prefix(…)`']],
    ['a bare word', 'source = shop', ['FL2010 8:35 a pattern value must be a string, a number, `true`, `false`, `null`, a list or an operator | quote text values: `"shop"`']],
    ['a duration', 'detail { total = 5m }', ['FL2010 8:43 a pattern value must be a string, a number, `true`, `false`, `null`, a list or an operator | events hold durations as numbers or text: write `5` or `"5m"`']],
    ['any_of as a value', 'detail { region = any_of({ a = 1 }, { b = 2 }) }', ['FL2010 8:44 `any_of` is an entry of a block, not the value of a field | write it beside the fields: `any_of({ source = "a" }, { detail { b = 1 } })`']],
    ['an operator as an entry', 'prefix("shop")', ['FL2010 8:26 `prefix(…)` is the value of a field | write it after the field it matches: `field = prefix(…)`']],
    ['a field matched twice', 'source = "shop", source = "b"', ['FL2009 8:43 `source` is matched twice in one block | a field is matched once; list its values together: `field = ["a", "b"]`']],
    ['detail_type and its alias', 'detail_type = "a", detail_type = "b"', ['FL2009 8:45 `detail_type` is matched twice in one block | a field is matched once; list its values together: `field = ["a", "b"]`']],
  ])('%s', (_, pattern, expected) => {
    expect(diagnostics(pattern)).toEqual(expected);
  });

  test('a setting written like an operator gets its own message', () => {
    const result = checkText('t.flow', 'app a\nqueue q\nfn f { memory(512) }\nq -> f\n');
    expect(result.diagnostics.map((d) => `${d.code} ${d.message} | ${d.help}`)).toEqual(['FL2010 `memory(…)` is not how a setting is written | write `memory = …`']);
  });

  test('a syntax error inside a pattern is its only error: what recovery kept is not judged', () => {
    for (const pattern of ['detail { total = numeric(>) }', 'detail { region = prefix("a" }', 'detail { total = numeric(> 1 2) }']) {
      expect(diagnostics(pattern).map((d) => d.split(' ')[0]), pattern).toEqual(['FL1001']);
    }
  });

  test('every mistake of a pattern is reported at once: form and types', () => {
    expect(diagnostics('detail { region = wildcard("a**"), total = prefix("1"), stauts = "x" }').map((d) => d.split(' ')[0])).toEqual(['FL2010', 'FL3013', 'FL3015']);
  });
});

describe('typed judgements of a pattern', () => {
  test('the target is typed by the kinds of events the pattern selects: destination records by source and detail-type', () => {
    const flow = `app shop
type Order = { id: string }
topic placed: Order
bus ops: Order
fn charge(Order) { retries = 0, sends = [ops] }
fn refund(Order)
placed -> charge
charge.failure -> ops
ops -> refund { match { source = "lambda", detail_type = "Lambda Function Invocation Result - Failure" } }
`;
    const result = checkText('t.flow', flow);
    // `refund` takes Order, but the pattern selects the failure records of `charge`.
    expect(result.diagnostics.map((d) => d.code)).toEqual(['FL3001']);
    const fixed = checkText('t.flow', flow.replace('fn refund(Order)', 'fn refund(failure<charge>)'));
    expect(fixed.diagnostics).toEqual([]);
  });

  test('a pattern that matches kinds of events of different shapes is FL3008', () => {
    const flow = `app shop
type Order = { id: string }
topic placed: Order
bus ops: Order
fn charge(Order) { retries = 0, sends = [ops] }
fn refund
placed -> charge
charge.failure -> ops
ops -> refund { match { detail { id = exists(true) } } }
`;
    const result = checkText('t.flow', flow);
    expect(result.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual(['FL3008 the pattern of `ops -> refund` matches events of different shapes']);
  });

  test('FL3009 judges a pattern against the bus: the app name is the source of its events', () => {
    const flow = (source: string) => `${head}orders -> take { match { source = ${source} } }\n`;
    expect(checkText('t.flow', flow('"shpo"')).diagnostics.map((d) => d.code)).toEqual(['FL3009']);
    expect(checkText('t.flow', flow('"shop"')).diagnostics).toEqual([]);
    expect(checkText('t.flow', flow('prefix("sh")')).diagnostics).toEqual([]);
    expect(checkText('t.flow', flow('anything_but("shop")')).diagnostics.map((d) => d.code)).toEqual(['FL3009']);
  });

  test('FL3009 does not judge a bus that nothing in the flow writes to', () => {
    const flow = 'app shop\nbus external\nfn take\nexternal -> take { match { source = "aws.s3" } }\n';
    expect(checkText('t.flow', flow).diagnostics).toEqual([]);
  });

  test('a key named like an operator on an untyped bus is FL3015, with the call it means', () => {
    const flow = 'app shop\nbus external\nfn take\nexternal -> take { match { detail { id = { prefix = "ord" } } } }\n';
    expect(checkText('t.flow', flow).diagnostics.map((d) => `${d.code} ${d.help}`)).toEqual([
      'FL3015 an operator is written as a call: `id = prefix(…)`; if the events really have a field `prefix`, declare the type of `external`',
    ]);
  });

  test('an operator on a field inside an array applies to its elements', () => {
    expect(diagnostics('detail { tags = prefix("vip") }')).toEqual([]);
    expect(diagnostics('detail { tags = numeric(> 1) }').map((d) => d.split(' ')[0])).toEqual(['FL3013']);
  });

  test('a user key `Ref` is a field, and the template holds it as text, never an intrinsic', () => {
    const result = compileText('t.flow', 'app shop\nbus external\nfn take\nexternal -> take { match { detail { Ref = "x", inner { Ref = "y" } } } }\n');
    expect(result.diagnostics).toEqual([]);
    if (!result.manifest) throw new Error('no manifest');
    const rule = Object.values(buildTemplate(result.manifest).Resources).find((r) => r.Type === 'AWS::Events::Rule');
    expect(rule?.Properties.EventPattern).toBe('{"detail":{"Ref":["x"],"inner":{"Ref":["y"]}}}');
  });
});
