import { describe, expect, test } from 'vitest';
import { actionsIn } from '../../compiler/lsp/actions.js';
import { Analysis } from '../../compiler/lsp/analysis.js';
import { completionsAt } from '../../compiler/lsp/completion.js';
import { hoverAt } from '../../compiler/lsp/hover.js';
import { definitionAt, referencesAt, renameAt } from '../../compiler/lsp/navigation.js';
import { formatEdits } from '../../compiler/lsp/format-adapter.js';
import { foldingRanges, inlayHints, outline, semanticTokens } from '../../compiler/lsp/outline.js';

const text = `app shop
type Order = { id: string, customer: { id: string }, total: number }
topic placed: Order
queue receipts
queue dead
queue clicks_dead
queue payouts: Order {
  wait = 10s
  dlq = dead
}
stream clicks: Order
bus audit: Order
fn charge(Order) -> Order { sends = [payouts] }
fn email
fn sessionize(Order)
fn audited(Order)
placed -> charge
charge -> receipts -> email { batch = 10 }
payouts -> sessionize
clicks -> sessionize { start = latest, on_failure = clicks_dead }
audit -> audited { match { detail { customer { id = ["c1"] } } } }
# FL4021 is the dead-letter rule
`;

const analysis = new Analysis('shop.flow', text);
const at = (needle: string, delta = 0, nth = 0) => {
  let found = -1;
  for (let i = 0; i <= nth; i++) found = text.indexOf(needle, found + 1);
  if (found < 0) throw new Error(`no ${needle}`);
  return found + delta;
};
/** The completions at the cursor `|` of a line put in place of `line`. */
const complete = (line: string, replaced: string) => {
  const cursor = line.indexOf('|');
  const edited = text.replace(replaced, line.replace('|', ''));
  const offset = text.indexOf(replaced) + cursor;
  return completionsAt(new Analysis('shop.flow', edited), offset).map((c) => c.label);
};

describe('language server features, on one file', () => {
  test('the file checks clean, so the answers below come from a real check', () => {
    expect(analysis.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  test('hover: a declaration with its inferred payload and its effective settings', () => {
    const hover = hoverAt(analysis, at('queue receipts', 7))?.markdown ?? '';
    expect(hover).toContain('**queue** `receipts`');
    expect(hover).toContain('payload: `success<charge>` (inferred)');
    expect(hover).toMatch(/visibilityTimeoutSeconds = \d+/);
  });

  test('hover: an edge says its kind, payload and envelope', () => {
    const hover = hoverAt(analysis, at('placed -> charge', 7))?.markdown ?? '';
    expect(hover).toContain('an SNS subscription');
    expect(hover).toContain('payload: `Order`');
    expect(hover).toContain('`charge` receives: an SNS event');
  });

  test('hover: a setting has its doc, range and AWS property; a code its explanation', () => {
    const hover = hoverAt(analysis, at('wait = 10s', 1))?.markdown ?? '';
    expect(hover).toContain('long-poll wait');
    expect(hover).toContain('range: 0s–20s');
    expect(hover).toContain('AWS property: `ReceiveMessageWaitTimeSeconds`');
    expect(hoverAt(analysis, at('FL4021', 2))?.markdown).toMatch(/^\*\*FL4021\*\* error \(dlq-kind\)/);
  });

  test('definition and references reach names inside settings: dlq, sends, on_failure', () => {
    const dead = definitionAt(analysis, at('dlq = dead', 7));
    expect(dead).toEqual({ kind: 'span', span: { start: at('queue dead', 6), end: at('queue dead', 10) } });
    expect(definitionAt(analysis, at('[payouts]', 2))).toMatchObject({ kind: 'span', span: { start: at('queue payouts', 6) } });
    const uses = referencesAt(analysis, at('queue dead', 7), false).map((o) => o.span.start);
    expect(uses).toEqual([at('dlq = dead', 6)]);
    expect(definitionAt(analysis, at('on_failure = clicks_dead', 14))).toMatchObject({ kind: 'span', span: { start: at('queue clicks_dead', 6) } });
  });

  test('rename: all uses; refuses an invalid name, a keyword and a name in use', () => {
    const renamed = renameAt(analysis, at('queue dead', 7), 'graveyard');
    expect(renamed.ok && renamed.edits.map((e) => e.span.start)).toEqual([at('queue dead', 6), at('dlq = dead', 6)]);
    expect(renameAt(analysis, at('Order', 1), 'Purchase')).toMatchObject({ ok: true });
    expect(renameAt(analysis, at('queue dead', 7), '2dead')).toMatchObject({ ok: false, reason: expect.stringContaining('is not a name') });
    expect(renameAt(analysis, at('queue dead', 7), 'queue')).toMatchObject({ ok: false, reason: expect.stringContaining('word of the language') });
    // Every kind's keyword, from the registry: the kinds added after the list was written too.
    for (const keyword of ['schedule', 'api', 'bucket', 'stage']) {
      expect(renameAt(analysis, at('queue dead', 7), keyword)).toMatchObject({ ok: false, reason: expect.stringContaining('word of the language') });
    }
    expect(renameAt(analysis, at('queue dead', 7), 'email')).toMatchObject({ ok: false, reason: expect.stringContaining('already declared') });
    expect(renameAt(analysis, at('Order', 1), 'string')).toMatchObject({ ok: false, reason: expect.stringContaining('already a type') });
    expect(renameAt(analysis, at('app shop', 5), 'x')).toMatchObject({ ok: false });
  });

  test('completion: at the start of a statement, every kind of the registry is offered', () => {
    expect(complete('|', 'app shop')).toEqual(expect.arrayContaining(['app', 'type', 'stage', 'fn', 'queue', 'topic', 'bus', 'stream', 'table', 'api', 'bucket', 'schedule']));
  });

  test('completion: after a topic `->` only functions and queues; for `dlq` only queues', () => {
    const afterTopic = complete('placed -> |', 'placed -> charge');
    expect(afterTopic).toEqual(expect.arrayContaining(['charge', 'email', 'receipts', 'dead']));
    expect(afterTopic).toHaveLength(8); // 4 queues and 4 functions
    expect(afterTopic).not.toContain('clicks');
    expect(afterTopic).not.toContain('audit');
    const dlq = complete('  dlq = |', '  dlq = dead');
    expect(dlq).toEqual(['receipts', 'dead', 'clicks_dead', 'payouts']);
  });

  test('completion: setting names by block kind, enum words, field paths, pattern keys', () => {
    const queue = complete('  |', '  dlq = dead');
    expect(queue).toContain('visibility');
    expect(queue).not.toContain('wait'); // already set
    expect(queue).not.toContain('batch');
    expect(complete('payouts -> sessionize { | }', 'payouts -> sessionize')).toContain('batch');
    expect(complete('clicks -> sessionize { start = | }', 'clicks -> sessionize { start = latest, on_failure = clicks_dead }')).toEqual(['latest', 'trim_horizon', 'at_timestamp']);
    expect(complete('stream clicks: Order { partition = | }', 'stream clicks: Order')).toEqual(['id', 'customer', 'customer.id', 'total']);
    expect(complete('audit -> audited { match { | } }', 'audit -> audited { match { detail { customer { id = ["c1"] } } } }')).toContain('detail_type');
    expect(complete('audit -> audited { match { detail { customer { | } } } }', 'audit -> audited { match { detail { customer { id = ["c1"] } } } }')).toEqual(['id']);
    // A filter's keys are the payload's own fields, from the top.
    expect(complete('payouts -> sessionize { filter { | } }', 'payouts -> sessionize')).toEqual(['id', 'customer', 'total']);
    expect(complete('payouts -> sessionize { filter { customer { | } } }', 'payouts -> sessionize')).toEqual(['id']);
    expect(complete('fn late(|)', 'fn audited(Order)')).toEqual(expect.arrayContaining(['Order', 'string', 'success']));
    expect(complete('# in a comment |', '# FL4021 is the dead-letter rule')).toEqual([]);
  });

  test('code actions are the suggestions of the diagnostics in range', () => {
    const typo = new Analysis('shop.flow', text.replace('payouts -> sessionize', 'payouts -> sessionzie'));
    const offset = typo.text.indexOf('sessionzie');
    const actions = actionsIn(typo, offset, offset);
    expect(actions.map((a) => [a.title, a.preferred])).toEqual([['replace with `sessionize`', true]]);
  });

  test('outline, folding, semantic tokens and inlay hints', () => {
    expect(outline(analysis).map((e) => `${e.kind} ${e.name}`).slice(0, 4)).toEqual(['app shop', 'type Order', 'topic placed', 'queue receipts']);
    const payouts = text.slice(0, at('queue payouts')).split('\n').length - 1;
    expect(foldingRanges(analysis)).toContainEqual({ startLine: payouts, endLine: payouts + 3 });
    const tokens = semanticTokens(analysis);
    expect(tokens.length % 5).toBe(0);
    expect(tokens.slice(0, 5)).toEqual([1, 5, 5, 2, 1]); // `Order`, line 2: a type, declared
    const hints = inlayHints(analysis, 0, text.length);
    expect(hints).toContainEqual({ offset: at('queue receipts', 14), label: ': success<charge>' });
    expect(hints).toContainEqual({ offset: at('fn email', 8), label: '(success<charge>)' });
  });
});

describe('formatting', () => {
  test('textDocument/formatting is `flowc fmt`\'s layout as one edit of the whole text, none when formatted or broken', () => {
    const messy = 'app a\nqueue q{fifo=true}  # q\n';
    expect(formatEdits(messy)).toEqual([{ span: { start: 0, end: messy.length }, replacement: 'app a\nqueue q { fifo = true }  # q\n' }]);
    expect(formatEdits('app a\nqueue q { fifo = true }  # q\n')).toEqual([]);
    expect(formatEdits('app a\nqueue q { fifo = \n')).toEqual([]);
  });
});
