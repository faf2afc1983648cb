// Makes the pictures of docs/graph.md from the shop example, with the CLI as a user runs it:
//   docs/images/shop-graph.svg           flowc graph shop.flow
//   docs/images/shop-graph-failures.svg  flowc graph shop.flow --failures
//   docs/images/shop-report.png          flowc sim shop.flow --report …, in headless Chromium
// Run `node scripts/pictures.js` after changing how either is drawn; test/emit/graph checks
// that the SVGs are current. The PNG needs Debian's chromium (/usr/bin/chromium).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildCli } from './build.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const shop = join(root, 'examples/shop');
const images = join(root, 'docs/images');
const CHROMIUM = '/usr/bin/chromium';

await buildCli({ quiet: true });
mkdirSync(images, { recursive: true });
const flowc = (...args) => execFileSync(process.execPath, [join(root, 'bin/flowc.js'), ...args], { cwd: shop, stdio: ['ignore', 'ignore', 'inherit'] });

flowc('graph', 'shop.flow', '-o', join(images, 'shop-graph.svg'));
flowc('graph', 'shop.flow', '--failures', '-o', join(images, 'shop-graph-failures.svg'));

if (!existsSync(CHROMIUM)) {
  process.stderr.write(`${CHROMIUM} is missing (apt-get install -y chromium): docs/images/shop-report.png not made\n`);
  process.exit(1);
}
const work = mkdtempSync(join(tmpdir(), 'flowc-pictures-'));
try {
  const report = join(work, 'shop-report.html');
  flowc('sim', 'shop.flow', '--report', report);
  const { chromium } = await import('playwright-core');
  const context = await chromium.launchPersistentContext(join(work, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 800 },
    deviceScaleFactor: 1,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await context.newPage();
    await page.goto(pathToFileURL(report).href);
    await page.waitForSelector('body[data-ready="true"]');
    // The declined order's last attempt, with its event and error beside the timeline.
    await page.locator('rect.bar[data-fn="charge"][data-outcome="failure"]').click();
    await page.locator('#timeline-section').screenshot({ path: join(images, 'shop-report.png') });
  } finally {
    await context.close();
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
process.stderr.write('wrote docs/images/shop-graph.svg, shop-graph-failures.svg and shop-report.png\n');
