// `flowc sim` of a flow with schedules: it needs an end time (FL9033), and then the schedules
// fire on the virtual clock (examples/schedules).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { nodeHost, type Host } from '../../compiler/cli/host.js';
import { main } from '../../compiler/cli/main.js';

const root = new URL('../../', import.meta.url).pathname;
const scratch = mkdtempSync(join(tmpdir(), 'flowc-sim-schedules-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function sim(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const base = nodeHost();
  const host: Host & { out: string; err: string } = { ...base, cwd: root, out: '', err: '', stdout: (text: string) => void (host.out += text), stderr: (text: string) => void (host.err += text) };
  const code = await main(['sim', ...args], host);
  return { code, out: host.out, err: host.err };
}

describe('flowc sim with schedules', () => {
  test('FL9033: without --until or an events file `until`, the run is refused before it starts', async () => {
    const events = join(scratch, 'no-until.json');
    writeFileSync(events, '{ "events": [] }\n');
    const { code, out, err } = await sim('examples/schedules/schedules.flow', '--events', events);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toContain('error FL9033: the schedules of app `reminders` (`heartbeat`, `month_end`, `nightly`, `weekly`) fire forever, so this run has no end: give it an end time');
    expect(err).toContain('= help: run with `--until 1d` (any duration), or put `"until": "1d"` in');
  });

  test('with an end time, each schedule fires when it is due; the disabled one never', async () => {
    const { code, out, err } = await sim('examples/schedules/schedules.flow', '--until', '4d9h');
    expect(err).toBe('');
    expect(code).toBe(0);
    const fires = out.split('\n').filter((line) => / fire /.test(line));
    expect(fires.filter((line) => line.includes(' nightly '))).toHaveLength(5); // 02:00 UTC each day (03:00 in Berlin, winter)
    expect(fires.filter((line) => line.includes(' heartbeat '))).toHaveLength(53); // at 0, then every 2 hours up to +4d 08:00
    expect(fires.filter((line) => line.includes(' weekly '))).toEqual([expect.stringContaining('+4d 08:00:00.000  weekly       fire       cron(0 9 ? * MON *) Europe/Berlin · scheduled 2026-01-05T08:00:00Z → digests (bus)')]);
    expect(fires.some((line) => line.includes(' paused ') || line.includes(' month_end '))).toBe(false);
    expect(out).toContain('send_digest  log        sending the weekly digest to ops@example.com');
  });
});
