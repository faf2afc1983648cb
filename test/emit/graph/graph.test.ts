// `flowc graph` (issue 17, item 1): the model of the picture, the views (`--focus`,
// `--failures`), and the reviewed goldens of each example in Mermaid, DOT and SVG.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { renderGraph } from '../../../compiler/emit/graph/index.js';
import { buildGraphModel, type GraphModel } from '../../../compiler/emit/graph/model.js';
import { selectView } from '../../../compiler/emit/graph/select.js';
import { flow, manifestOfFile } from '../cloudformation/helpers/compile.js';

const root = new URL('../../../', import.meta.url).pathname;
const examples = readdirSync(join(root, 'examples'), { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();
const example = (name: string) => manifestOfFile(join(root, 'examples', name, `${name}.flow`), `${name}.flow`);
const shop = example('shop');

const edgeList = (model: GraphModel) => model.edges.map((e) => `${e.kind} ${e.source} -> ${e.target}: ${e.payload}`);

describe('the model of the shop example', () => {
  const model = buildGraphModel(shop);

  test('one node per declaration, each with its kind, payload and .flow line', () => {
    expect(model.nodes.map((n) => `${n.kind} ${n.id}: ${n.payload} (line ${n.line})`)).toEqual([
      'function charge: Order → Receipt (line 26)',
      'function email: success<charge> (line 27)',
      'function payout: Receipt (line 29)',
      'function refund: failure<charge> (line 28)',
      'function reindex: Stock (line 31)',
      'function sessionize: Click (line 30)',
      'queue clicks_dead: the Kinesis on-failure record (line 21)',
      'fifo-queue payouts: Receipt (line 12)',
      'fifo-queue payouts_dead: Receipt (line 20)',
      'queue receipts: success<charge> (line 11)',
      'topic placed: Order (line 10)',
      'bus audit: any event (line 24)',
      'stream clicks: Click (line 22)',
      'table stock: Stock (line 23)',
    ]);
  });

  test('every edge by meaning with its payload type: the manifest\'s, then redrive, on_failure and retries', () => {
    expect(edgeList(model)).toEqual([
      'subscription placed -> charge: Order',
      'success charge -> receipts: success<charge>',
      'queue-poll receipts -> email: success<charge>',
      'failure charge -> audit: failure<charge>',
      'rule audit -> refund: failure<charge>',
      'queue-poll payouts -> payout: Receipt',
      'stream-poll clicks -> sessionize: Click',
      'stream-poll stock -> reindex: Stock',
      'dlq payouts -> payouts_dead: Receipt',
      'on-failure sessionize -> clicks_dead: the Kinesis on-failure record',
      'retry charge -> charge: Order',
      'retry refund -> refund: failure<charge>',
      'retry email -> receipts: success<charge>',
      'retry payout -> payouts: Receipt',
      'retry sessionize -> clicks: Click',
      'retry reindex -> stock: Stock',
    ]);
  });

  test('the failure paths: failure destinations, redrives, on_failure, retries, and the rule that takes charge\'s failures to refund', () => {
    expect(model.edges.filter((e) => e.failurePath).map((e) => e.id)).toEqual([
      'charge.failure->audit',
      'audit->refund',
      'payouts.dlq->payouts_dead',
      'clicks->sessionize.on_failure->clicks_dead',
      'charge.retry',
      'refund.retry',
      'receipts->email.retry',
      'payouts->payout.retry',
      'clicks->sessionize.retry',
      'stock->reindex.retry',
    ]);
  });

  test('settings in the .flow file\'s words', () => {
    const byId = new Map(model.edges.map((e) => [e.id, e.settings.map((s) => `${s.key} ${s.value}`)]));
    expect(byId.get('clicks->sessionize')).toEqual(['batch 500', 'window 10s', 'parallel 4', 'retries 3', 'max_age 1h', 'bisect true', 'start latest']);
    expect(byId.get('receipts->email')).toEqual(['batch 10', 'window 5s']);
    expect(byId.get('charge.retry')).toEqual(['retries 1', 'after 1m']);
    expect(byId.get('payouts.dlq->payouts_dead')).toEqual(['max_receives 5']);
    const charge = model.nodes.find((n) => n.id === 'charge')!;
    expect(charge.settings.map((s) => `${s.key} ${s.value}`)).toEqual(['memory 512 MB', 'timeout 30s', 'retries 1', 'max_age 1h', 'runtime nodejs24.x', 'handler handlers/charge.ts']);
  });
});

describe('views', () => {
  const model = buildGraphModel(shop);

  test('retries are drawn only with --failures', () => {
    expect(selectView(model, {}).edges.some((e) => e.kind === 'retry')).toBe(false);
    expect(selectView(model, { failures: true }).edges.filter((e) => e.kind === 'retry')).toHaveLength(6);
  });

  test('--focus keeps what reaches the declaration and what it reaches, transitively, and no sibling branch', () => {
    const view = selectView(model, { focus: 'receipts' });
    expect(view.nodes.map((n) => n.id)).toEqual(['charge', 'email', 'receipts', 'placed']);
    // charge → audit leaves charge but does not pass through receipts.
    expect(view.edges.map((e) => e.id)).toEqual(['placed->charge', 'charge.success->receipts', 'receipts->email']);
  });

  test('--focus on a function keeps both its success and failure branches', () => {
    const view = selectView(model, { focus: 'charge', failures: true });
    expect(view.nodes.map((n) => n.id).sort()).toEqual(['audit', 'charge', 'email', 'placed', 'receipts', 'refund']);
    expect(view.edges.map((e) => e.id)).toContain('charge.retry');
    expect(view.edges.map((e) => e.id)).toContain('receipts->email.retry');
  });

  test('--focus on a dead-letter queue walks back to the producers of what lands there', () => {
    expect(selectView(model, { focus: 'payouts_dead' }).nodes.map((n) => n.id)).toEqual(['payouts', 'payouts_dead']);
  });
});

describe('kinds and meanings beyond the examples', () => {
  test('sends from code are edges with the target\'s type; FIFO topics and success-record rules are their own kinds', () => {
    const model = buildGraphModel(
      flow(
        'app a',
        'type Job = { id: string }',
        'topic jobs: Job { fifo = true, group = id }',
        'queue work_q: Job { fifo = true, group = id }',
        'queue log: Job',
        'bus ops',
        'fn work(Job) -> Job { sends = [log] }',
        'fn done(success<work>)',
        'fn failed(failure<work>)',
        'jobs -> work_q -> work',
        'work.success -> ops -> done',
        'work.failure -> ops -> failed',
      ),
    );
    expect(model.nodes.find((n) => n.id === 'jobs')?.kind).toBe('fifo-topic');
    expect(edgeList(model)).toContain('sends work -> log: Job');
    // The bus gets both records: only the rule for failures is on a failure path.
    expect(model.edges.filter((e) => e.failurePath && e.kind === 'rule').map((e) => e.id)).toEqual(['ops->failed']);
  });

  test('labels in Mermaid and DOT escape what each reads: quotes, angle brackets, pipes, #', async () => {
    const manifest = flow('app a', 'queue q: { tag: "a|b" | "#x" }', 'fn f', 'fn g(success<f>)', 'q -> f', 'f.success -> g');
    const mermaid = await renderGraph(manifest, { format: 'mermaid' });
    expect(mermaid).toContain('n_q -->|"{ tag: #quot;a#124;b#quot; #124; #quot;#35;x#quot; }"| n_f');
    expect(mermaid).toContain('|"success#lt;f#gt;"|');
    const dot = await renderGraph(manifest, { format: 'dot' });
    expect(dot).toContain('label="{ tag: \\"a|b\\" | \\"#x\\" }"');
  });
});

describe('goldens of the examples (read every diff before accepting it)', () => {
  for (const name of examples) {
    test(`${name}: Mermaid, DOT and SVG`, async () => {
      const manifest = example(name);
      for (const format of ['mermaid', 'dot', 'svg'] as const) {
        const text = await renderGraph(manifest, { format });
        await expect(text).toMatchFileSnapshot(join(root, 'test/golden/graph', `${name}.${format === 'mermaid' ? 'mmd' : format}`));
      }
    });
  }

  test('shop with --failures --settings, in DOT and SVG', async () => {
    for (const format of ['dot', 'svg'] as const) {
      const text = await renderGraph(shop, { format, failures: true, settings: true });
      await expect(text).toMatchFileSnapshot(join(root, 'test/golden/graph', `shop.failures.${format}`));
    }
  });

  test('the same flow gives the same bytes, SVG included (Graphviz in WebAssembly, a fresh instance each time)', async () => {
    const first = await renderGraph(shop, { format: 'html', failures: true });
    const second = await renderGraph(example('shop'), { format: 'html', failures: true });
    expect(second).toBe(first);
  });

  test('the pictures of docs/graph.md are the current ones (`node scripts/pictures.js` remakes them)', async () => {
    expect(readFileSync(join(root, 'docs/images/shop-graph.svg'), 'utf8')).toBe(await renderGraph(shop, { format: 'svg' }));
    expect(readFileSync(join(root, 'docs/images/shop-graph-failures.svg'), 'utf8')).toBe(await renderGraph(shop, { format: 'svg', failures: true }));
  });
});

describe('an existing resource in the graph', () => {
  test('shows its ARN, and none of the owner\'s settings the flow does not know', () => {
    const model = buildGraphModel(flow('app shop', 'type Order = { id: string }', 'queue legacy: Order { arn = "arn:aws:sqs:eu-west-1:123456789012:legacy-orders" }', 'fn work(Order)', 'legacy -> work'));
    expect(model.nodes.find((n) => n.id === 'legacy')?.settings).toEqual([{ key: 'arn', value: 'arn:aws:sqs:eu-west-1:123456789012:legacy-orders' }]);
  });
});
