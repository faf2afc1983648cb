import { describe, expect, test } from 'vitest';
import { filterCriteriaLimits } from '../../compiler/check/rules/filter-criteria-limits.js';
import { filterOperatorUnsupported } from '../../compiler/check/rules/filter-operator-unsupported.js';
import { filterPolicyLimits } from '../../compiler/check/rules/filter-policy-limits.js';
import { buildTemplate } from '../../compiler/emit/cloudformation/index.js';
import { renderModule } from '../../compiler/emit/typescript/generated-module.js';
import { buildModel } from '../../compiler/emit/typescript/model.js';
import { checkText, compileText } from '../../compiler/program.js';
import { expectDiagnostics } from '../helpers/expect-diagnostics.js';

/**
 * `filter` on triggers and subscriptions: the template it makes, and the checks that are its
 * own (FL4085–FL4088) or shared with `match` (FL3013–FL3015, FL4048, FL4006).
 */

const head = `app shop
type Order = { id: string, customer: string, total: number, status: "placed" | "paid", ip: string }
type Stock = { sku: string, count: int }
type Click = { session: string, page: string }
queue legacy: Order
topic placed: Order
queue inbox: Order
table stock: Stock { key = sku, stream = new_and_old }
stream clicks: Click
fn fulfil(Order)
fn notify(Order)
fn restock(Stock)
fn sessionize(Click)
`;
const streamSettings = 'start = latest, retries = 2, max_age = 1h';

function resources(edges: string): Record<string, { Type: string; Properties: Record<string, unknown> }> {
  const result = compileText('t.flow', `${head}${edges}`);
  expect(result.diagnostics.filter((d) => d.code !== 'FL5003').map((d) => `${d.code} ${d.message}`)).toEqual([]);
  if (!result.manifest) throw new Error('no manifest');
  return buildTemplate(result.manifest).Resources as Record<string, { Type: string; Properties: Record<string, unknown> }>;
}

function codes(edges: string): string[] {
  return checkText('t.flow', `${head}${edges}`).diagnostics.map((d) => {
    const at = d.source.position(d.primary.span.start);
    return `${d.code} ${at.line}:${at.column}`;
  });
}

describe('the template', () => {
  test('each source kind gets its FilterCriteria or FilterPolicy, and an edge without a filter none', () => {
    const all = resources(`legacy -> fulfil { filter { total = numeric(> 100) } }
placed -> notify { filter { customer = prefix("vip-") } }
placed -> inbox { filter { status = "paid" } }
stock -> restock { ${streamSettings}, filter { count = [0, 1] } }
clicks -> sessionize { ${streamSettings}, filter { any_of({ page = "/cart" }, { page = prefix("/checkout") }) } }
`);
    expect(all.LegacyToFulfilMapping?.Properties.FilterCriteria).toEqual({ Filters: [{ Pattern: '{"body":{"total":[{"numeric":[">",100]}]}}' }] });
    expect(all.StockToRestockMapping?.Properties.FilterCriteria).toEqual({ Filters: [{ Pattern: '{"dynamodb":{"NewImage":{"count":{"N":["0","1"]}}}}' }] });
    expect(all.ClicksToSessionizeMapping?.Properties.FilterCriteria).toEqual({ Filters: [{ Pattern: '{"data":{"page":["/cart"]}}' }, { Pattern: '{"data":{"page":[{"prefix":"/checkout"}]}}' }] });
    expect(all.PlacedToNotifySubscription?.Properties).toMatchObject({ FilterPolicyScope: 'MessageBody', FilterPolicy: { customer: [{ prefix: 'vip-' }] } });
    expect(all.PlacedToInboxSubscription?.Properties).toMatchObject({ FilterPolicyScope: 'MessageBody', FilterPolicy: { status: ['paid'] }, RawMessageDelivery: true });
    const plain = resources('legacy -> fulfil\nplaced -> notify\n');
    expect(plain.LegacyToFulfilMapping?.Properties.FilterCriteria).toBeUndefined();
    expect(plain.PlacedToNotifySubscription?.Properties.FilterPolicy).toBeUndefined();
    expect(plain.PlacedToNotifySubscription?.Properties.FilterPolicyScope).toBeUndefined();
  });

  test('a filter policy with `null` is held as text, which CloudFormation takes as it is', () => {
    const all = resources('placed -> notify { filter { customer = null } }\n');
    expect(all.PlacedToNotifySubscription?.Properties.FilterPolicy).toBe('{"customer":[null]}');
  });
});

describe('checks shared with `match`, on the payload\'s fields', () => {
  test('an unknown field, a wrong operator type, a value outside the union and an empty block: one diagnostic each', () => {
    expect(codes('legacy -> fulfil { filter { totl = 5 } }\n')).toEqual(['FL3015 14:29']);
    expect(codes('legacy -> fulfil { filter { total = prefix("1") } }\n')).toEqual(['FL3013 14:37']);
    expect(codes('legacy -> fulfil { filter { status = "payed" } }\n')).toEqual(['FL3014 14:38']);
    expect(codes('legacy -> fulfil { filter { } }\n')).toEqual(['FL4048 14:27']);
  });

  test('the key AWS holds the payload under, written by hand, is explained', () => {
    const [diagnostic] = checkText('t.flow', `${head}legacy -> fulfil { filter { body { total = 5 } } }\n`).diagnostics;
    expect(diagnostic?.code).toBe('FL3015');
    expect(diagnostic?.help).toMatch(/flowc puts them under `body`/);
    expect(diagnostic?.why).toMatch(/Lambda deletes every message of the queue unprocessed/);
  });

  test('`filter` on a rule and `match` on a trigger say which to write (FL4006)', () => {
    const onRule = checkText('t.flow', 'app shop\nbus orders\nfn take\norders -> take { filter { a = 1 } }\n').diagnostics;
    expect(onRule.map((d) => [d.code, d.help])).toEqual([['FL4006', 'rename it `match` and put the payload\'s fields under `detail`: `match { detail { … } }`']]);
    const onTrigger = checkText('t.flow', `${head}legacy -> fulfil { match { total = 5 } }\n`).diagnostics;
    expect(onTrigger.map((d) => [d.code, d.help])).toEqual([['FL4006', 'rename it `filter`: `filter { … }` takes the same pattern, on the fields of the payload']]);
  });
});

describe('FL4085 filter-operator-unsupported', () => {
  test('each operator a service lacks, once, with what to write instead', () => {
    expectDiagnostics(filterOperatorUnsupported, `${head}legacy -> fulfil { filter { ip = cidr("10.0.0.0/8"), customer = prefix(equals_ignore_case("vip-")) } }\n`, [
      { at: '14:34', message: 'Lambda event filtering does not support `cidr(…)`', help: 'check the address in the handler' },
      { at: '14:65', message: 'Lambda event filtering does not support `prefix(equals_ignore_case(…))`', help: 'match the prefix in the case the messages use: `customer = prefix("vip-")`, or list the spellings' },
    ]);
    expectDiagnostics(filterOperatorUnsupported, `${head}placed -> notify { filter { ip = cidr("10.0.0.0/8"), customer = anything_but(suffix("x")) } }\n`, [
      { at: '14:65', message: 'an SNS filter policy does not support `anything_but(suffix(…))`', why: /SNS documents no such operator/ },
    ]);
    expectDiagnostics(filterOperatorUnsupported, `${head}stock -> restock { ${streamSettings}, filter { count = numeric(> 5), sku = [null, "a"] } }\n`, [
      { at: '14:80', message: 'Lambda event filtering does not support `numeric(…)` on a DynamoDB stream', why: /holds a number as a string/ },
      { at: '14:101', message: '`null` cannot be matched in one list with other values on a DynamoDB stream', help: 'match it in its own alternative: `any_of({ sku = null }, { sku = … })`' },
    ]);
  });
});

describe('FL4086 filter-criteria-limits', () => {
  test('a pattern over 4,096 characters', () => {
    const pages = Array.from({ length: 500 }, (_, i) => `"/p${String(i).padStart(4, '0')}"`).join(', ');
    expectDiagnostics(filterCriteriaLimits, `${head}clicks -> sessionize { ${streamSettings}, filter { page = [${pages}] } }\n`, [
      { at: '14:67', message: 'a filter of the Kinesis trigger `clicks -> sessionize` is 4,519 characters, above Lambda\'s 4,096', label: '4,519 characters of filter pattern JSON' }, // 17 + 500 × 8 + 499 commas + 3
    ]);
  });
});

describe('FL4087 filter-policy-limits', () => {
  test('more than 150 combinations: values multiply, alternatives add up', () => {
    const list = (n: number, p: string) => `[${Array.from({ length: n }, (_, i) => `"${p}${i}"`).join(', ')}]`;
    expectDiagnostics(filterPolicyLimits, `${head}placed -> notify { filter { id = ${list(10, 'o')}, customer = ${list(16, 'c')} } }\n`, [
      { at: '14:20', message: 'the filter policy of the subscription `placed -> notify` has 160 combinations of values, above the 150 SNS takes' },
    ]);
    expectDiagnostics(filterPolicyLimits, `${head}placed -> notify { filter { id = ${list(10, 'o')}, any_of({ customer = ${list(7, 'c')} }, { status = "paid" }) } }\n`, []);
  });
});

describe('FL4050 on a subscription filter: SNS compares numbers with five decimals', () => {
  test('six decimals are refused on SNS, accepted by EventBridge', () => {
    const result = checkText('t.flow', `${head}placed -> notify { filter { total = numeric(> 0.123456) } }\n`).diagnostics.filter((d) => d.code !== 'FL5003');
    expect(result.map((d) => [d.code, d.message, d.help])).toEqual([['FL4050', '0.123456 has more decimals than SNS compares', 'round it to 5 decimals']]);
    expect(codes('placed -> notify { filter { total = numeric(> 0.12345) } }\n').filter((c) => !c.startsWith('FL5003'))).toEqual([]);
  });
});

describe('the generated module says what a filter lets through', () => {
  test('the doc comment of a filtered handler, and an SQS trigger deletes the rest', () => {
    const result = compileText('t.flow', `${head}legacy -> fulfil { filter { total = numeric(> 100) } }\nplaced -> notify { filter { customer = prefix("vip-") } }\nclicks -> sessionize { ${streamSettings}, filter { page = "/cart" } }\n`);
    if (!result.manifest) throw new Error('no manifest');
    const module = renderModule(buildModel(result.manifest));
    expect(module).toContain(' * - SQS batches of up to 10 from the queue `legacy`; only messages its `filter` matches (Lambda deletes the others from the queue, unprocessed)\n');
    expect(module).toContain(' * - SNS notifications from the topic `placed` (asynchronous); only messages its `filter` matches\n');
    expect(module).toContain(' * - Kinesis batches of up to 100 from the stream `clicks`; only records its `filter` matches (the others are skipped)\n');
  });
});
