// The pictures as a person sees them (issue 17, item 3): the graph's HTML page and the
// simulation report of the shop example, opened in headless Chromium (Debian's `chromium`,
// driven by playwright-core; nothing is downloaded), with assertions on what is drawn and a
// screenshot of each in test/browser/out/ for review. Without Chromium the test is skipped
// locally and fails under CI (`.ci/run` installs it).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { compileText } from '../../compiler/program.js';
import { renderGraph } from '../../compiler/emit/graph/index.js';
import { buildGraphModel } from '../../compiler/emit/graph/model.js';
import { selectView } from '../../compiler/emit/graph/select.js';
import { parseEventsFile } from '../../runtime/sim/events-file.js';
import { loadHandlers } from '../../runtime/sim/load-handlers.js';
import { buildTimeline, type ObservedInvocation, recordInvocations, renderReportHtml } from '../../runtime/sim/report/index.js';
import { AGGREGATE_ABOVE } from '../../runtime/sim/report/timeline.js';
import { Simulator } from '../../runtime/sim/simulator.js';
import type { TraceEntry } from '../../runtime/sim/trace.js';

const CHROMIUM = '/usr/bin/chromium';
/** What the page's window offers the callbacks run in it (the type check has no DOM library). */
interface BrowserWindow {
  getComputedStyle(element: unknown): { fill: string };
}
const root = new URL('../../', import.meta.url).pathname;
const output = join(root, 'test/browser/out');
const shopDir = join(root, 'examples/shop');
const shop = compileText('shop.flow', readFileSync(join(shopDir, 'shop.flow'), 'utf8')).manifest!;
const available = existsSync(CHROMIUM);

if (!available && process.env.CI === undefined) {
  process.stderr.write(`test/browser: skipped, ${CHROMIUM} is missing (apt-get install -y chromium; .ci/run installs it)\n`);
}

describe.runIf(!available && process.env.CI !== undefined)('under CI', () => {
  test('Chromium is installed', () => {
    throw new Error(`${CHROMIUM} is missing: .ci/run must install Debian's chromium (apt-get install -y chromium)`);
  });
});

describe.runIf(available)('in Chromium', () => {
  let context: BrowserContext;
  let profile: string;
  /** Every request a page made: only its own file may be one. */
  const requests: string[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    mkdirSync(output, { recursive: true });
    profile = mkdtempSync(join(tmpdir(), 'flowc-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1400, height: 900 },
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    await context.route('**/*', (route) => {
      const url = route.request().url();
      requests.push(url);
      return url.startsWith('file:') ? route.continue() : route.abort();
    });
  });

  afterAll(async () => {
    await context?.close();
    if (profile !== undefined) rmSync(profile, { recursive: true, force: true });
  });

  async function open(name: string, html: string): Promise<Page> {
    const path = join(output, name);
    writeFileSync(path, html);
    const page = await context.newPage();
    page.on('pageerror', (error) => errors.push(`${name}: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`${name}: ${message.text()}`);
    });
    requests.length = 0;
    await page.goto(pathToFileURL(path).href);
    return page;
  }

  function expectSelfContained(name: string) {
    expect(requests.filter((url) => !url.startsWith('file:'))).toEqual([]);
    expect(errors.filter((e) => e.startsWith(`${name}:`))).toEqual([]);
  }

  describe('the graph of the shop example', () => {
    test('draws every declaration and every edge, the failure destination of charge in bold red', async () => {
      const page = await open('shop-graph.html', await renderGraph(shop, { format: 'html' }));
      const model = selectView(buildGraphModel(shop), {});
      for (const node of model.nodes) {
        const box = await page.locator(`[id="node:${node.id}"]`).boundingBox();
        expect(box, node.id).not.toBeNull();
        expect(box!.width).toBeGreaterThan(30);
        expect(await page.locator(`[id="node:${node.id}"] text`).first().textContent()).toBe(node.id);
      }
      const drawn = await page.locator('#graph g.edge').evaluateAll((groups) => groups.map((g) => g.id).sort());
      expect(drawn).toEqual(model.edges.map((e) => `edge:${e.id}`).sort());

      const stroke = (id: string) =>
        page.locator(`[id="edge:${id}"] path:not(.hit)`).evaluate((path) => ({ color: path.getAttribute('stroke'), width: Number(path.getAttribute('stroke-width')), dash: path.getAttribute('stroke-dasharray') }));
      expect(await stroke('charge.failure->audit')).toEqual({ color: '#c62828', width: 2.2, dash: null });
      expect(await stroke('charge.success->receipts')).toEqual({ color: '#2e7d32', width: 1.2, dash: null });
      expect((await stroke('payouts.dlq->payouts_dead')).dash).not.toBeNull();
      expect((await stroke('placed->charge')).dash).not.toBeNull();
      expect(await page.locator('[id="edge:charge.failure->audit"] text').textContent()).toBe('failure<charge>');

      // Hovering shows the details a label has no room for.
      await page.hover('[id="node:charge"]');
      const details = page.locator('#details');
      expect(await details.textContent()).toContain('Order → Receipt');
      expect(await details.textContent()).toContain('line 26');
      expect(await details.textContent()).toContain('memory512 MB');
      await page.hover('[id="edge:payouts.dlq->payouts_dead"] text');
      expect(await details.textContent()).toContain('dead-letter queue (redrive after max_receives)');
      expect(await details.textContent()).toContain('max_receives5');
      await page.screenshot({ path: join(output, 'shop-graph.png'), fullPage: true });
      expectSelfContained('shop-graph.html');
    });

    test('--failures: charge\'s retry and its way to refund stand out, the rest fades', async () => {
      const page = await open('shop-graph-failures.html', await renderGraph(shop, { format: 'html', failures: true }));
      const color = (id: string) => page.locator(`[id="edge:${id}"] path:not(.hit)`).getAttribute('stroke');
      expect(await color('charge.retry')).toBe('#e65100');
      expect(await color('charge.failure->audit')).toBe('#c62828');
      expect(await color('audit->refund')).toBe('#c62828');
      expect(await color('charge.success->receipts')).toBe('#cfd4da');
      expect(await page.locator('[id="node:placed"]').getAttribute('class')).toContain('faded');
      expect(await page.locator('[id="node:charge"]').getAttribute('class')).not.toContain('faded');
      const label = await page.locator('[id="edge:charge.retry"] text').allTextContents();
      expect(label).toEqual(['Order', 'retries 1 · after 1m']);
      await page.screenshot({ path: join(output, 'shop-graph-failures.png'), fullPage: true });
      expectSelfContained('shop-graph-failures.html');
    });
  });

  describe('the report of the shop example\'s run', () => {
    let page: Page;

    beforeAll(async () => {
      page = await open('shop-report.html', await shopReport());
      await page.waitForSelector('body[data-ready="true"]');
    });

    test('a lane per resource the run touched, in the flow\'s order, and the summary counts', async () => {
      const lanes = await page.locator('#lane-labels .lane b').allTextContents();
      expect(lanes).toEqual(['events.json', 'placed', 'charge', 'receipts', 'email', 'audit', 'refund', 'payouts', 'payout', 'clicks', 'sessionize', 'clicks_dead', 'stock', 'reindex']);
      expect(await page.locator('[data-card="invocations"] .value').textContent()).toBe('18');
      expect(await page.locator('[data-ending="clicks_dead"]').textContent()).toContain('1 on-failure record');
      expectSelfContained('shop-report.html');
    });

    test('the retry bars of charge and sessionize, in their colours, linked to what they retry', async () => {
      const outcomes = (fn: string) =>
        page.locator(`rect.bar[data-fn="${fn}"]`).evaluateAll((bars) =>
          bars
            .map((bar) => ({ x: Number(bar.getAttribute('x')), y: Number(bar.getAttribute('y')), outcome: bar.getAttribute('data-outcome'), fill: (globalThis as unknown as BrowserWindow).getComputedStyle(bar).fill }))
            .sort((a, b) => a.x - b.x || a.y - b.y),
        );
      const charge = await outcomes('charge');
      expect(charge.map((bar) => bar.outcome)).toEqual(['success', 'retried', 'success', 'failure']);
      const fills = new Set(charge.map((bar) => bar.fill));
      expect(fills.size).toBe(3);
      const sessionize = await outcomes('sessionize');
      expect(sessionize.filter((bar) => bar.outcome === 'retried')).toHaveLength(5);
      expect(sessionize.filter((bar) => bar.outcome === 'failure')).toHaveLength(1);
      expect(await page.locator('.retry-link').count()).toBe(1 + 7);
      expect(await page.locator('.retry-label').allTextContents()).toContain('retry in 1m');
      expect(await page.locator('.badge text').allTextContents()).toEqual(expect.arrayContaining(['bisect 2+2', 'bisect 1+1', 'on_failure', 'duplicate']));
      expect(await page.locator('.arrow.failure').count()).toBe(1);
      expect(await page.locator('.arrow.on-failure').count()).toBe(1);
    });

    test('clicking the last attempt of charge, or sessionize\'s given-up batch, shows its event and its error', async () => {
      await page.click('#zoom-in');
      await page.locator('rect.bar[data-fn="charge"][data-outcome="failure"]').click();
      const details = page.locator('#details');
      expect(await details.locator('.outcome').textContent()).toBe('failed for good');
      const text = await details.textContent();
      expect(text).toContain('attempt2');
      expect(text).toContain('\\"id\\":\\"o-2\\"');
      expect(text).toContain('Error: card declined for order o-2');
      expect(text).toContain('retries exhausted after 2 attempts');

      // A bar under the arrow of its own on-failure record can still be clicked.
      await page.locator('rect.bar[data-fn="sessionize"][data-outcome="failure"]').click({ timeout: 5000 });
      expect(await details.locator('.outcome').textContent()).toBe('failed for good');
      expect(await details.textContent()).toContain('"eventSource": "aws:kinesis"');
      expect(await details.textContent()).toContain('Error: cannot parse page /cart?%%% of session s-ada');
      await page.click('#zoom-fit');
      await page.screenshot({ path: join(output, 'shop-report.png'), fullPage: true });
    });
  });

  test('a long run is drawn in bins, its failures still one by one', async () => {
    const manifest = compileText('jobs.flow', 'app a\ntype Job = { id: string }\nqueue jobs: Job\nfn work(Job)\njobs -> work\n').manifest!;
    const entries: TraceEntry[] = [];
    const invocations: ObservedInvocation[] = [];
    const total = AGGREGATE_ABOVE * 4;
    for (let i = 0; i < total; i++) {
      const id = i.toString(16).padStart(8, '0');
      const atMs = i * 250;
      const failed = i % 500 === 7;
      const traceIndex = entries.push({ atMs, resource: 'work', action: 'invoke', detail: `batch of 1 from jobs (${id}) · request ${id}` }) - 1;
      const endIndex = entries.push({ atMs, resource: 'work', action: failed ? 'error' : 'ok', detail: failed ? 'Error: no' : 'returned nothing' }) - 1;
      invocations.push({
        id: i + 1,
        fn: 'work',
        requestId: id,
        atMs,
        traceIndex,
        attempt: 1,
        via: { kind: 'queue', source: 'jobs', size: 1 },
        retryOf: [],
        event: null,
        returned: null,
        end: failed ? { ok: false, atMs, traceIndex: endIndex, cause: 'error', errorType: 'Error' } : { ok: true, atMs, traceIndex: endIndex },
        followUps: [],
        logs: [],
      });
    }
    const timeline = buildTimeline({ manifest, entries, invocations });
    const summary = { seed: 1, endMs: total * 250, events: total, functions: {}, invocations: total, retries: { async: 0, queueRedeliveries: 0, stream: 0 }, deadLettered: {}, destinations: {}, streamFailures: {}, streamRecordsDiscarded: 0, filtered: {}, duplicates: {}, asyncDropped: 0, remaining: { queues: {}, streamRecords: 0, events: 0 }, traceEntriesDropped: 0, errors: {}, uncaughtErrors: 0 };
    const page = await open('long-report.html', renderReportHtml({ manifest, timeline, summary, entries, traceDropped: 0, run: 'synthetic', header: 'Generated by flowc from jobs.flow.' }));
    await page.waitForSelector('body[data-ready="true"]');
    expect(await page.locator('.bin').count()).toBeGreaterThan(100);
    expect(await page.locator('rect.bar').count()).toBe(total / 500);
    await page.locator('.bin').first().click();
    expect(await page.locator('#details').textContent()).toContain('succeeded');
    await page.screenshot({ path: join(output, 'long-report.png'), fullPage: true });
    expectSelfContained('long-report.html');
  });
});

/** The shop example's run (its handlers and events file), and its report page. */
async function shopReport(): Promise<string> {
  const events = parseEventsFile(readFileSync(join(shopDir, 'events.json'), 'utf8'), shop, 'events.json');
  const loaded = await loadHandlers(shop, shopDir);
  const simulator = new Simulator(shop, loaded.handlers, { seed: events.seed ?? 1 });
  const recorded = recordInvocations();
  simulator.observeInvocations(recorded.observer);
  try {
    for (const event of events.events) simulator.inject(event.injection, event.atMs, 'events.json');
    await simulator.run(events.untilMs === undefined ? {} : { untilMs: events.untilMs });
  } finally {
    simulator.dispose();
  }
  const entries = simulator.trace.entries;
  return renderReportHtml({
    manifest: shop,
    timeline: buildTimeline({ manifest: shop, entries, invocations: recorded.invocations }),
    summary: simulator.summary(),
    entries,
    traceDropped: 0,
    run: '13 events from events.json · until +00:10:00.000',
    header: 'Generated by flowc from shop.flow.',
  });
}
