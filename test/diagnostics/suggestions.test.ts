import { describe, expect, test } from 'vitest';
import { applyEdits, safeEdits } from '../../compiler/diagnostics/apply-edits.js';
import type { Code } from '../../compiler/diagnostics/codes.js';
import { toJsonDiagnostic } from '../../compiler/diagnostics/render/json.js';
import { checkText } from '../../compiler/program.js';

const head = 'app shop\ntype Job = { id: string, customer: { id: string } }\n';

/** The one diagnostic of `code` in the flow, and the text after applying its suggestion `index`. */
function suggestionOf(body: string, code: Code, index = 0) {
  const text = head + body;
  const result = checkText('app.flow', text);
  const diagnostic = result.diagnostics.find((d) => d.code === code);
  expect(diagnostic, `${code} in ${JSON.stringify(result.diagnostics.map((d) => d.code))}`).toBeDefined();
  const suggestion = diagnostic?.suggestions?.[index];
  expect(suggestion).toBeDefined();
  const fixed = applyEdits(text, suggestion?.edits ?? []);
  return { suggestion, fixed: fixed.slice(head.length), after: checkText('app.flow', fixed).diagnostics.map((d) => d.code) };
}

describe('suggested edits: the mechanical fixes of diagnostics, as data', () => {
  test('FL2001: an unknown name with one close name is replaced, machine-applicable', () => {
    const { suggestion, fixed, after } = suggestionOf('queue jobs: Job\nfn work\njobs -> wrok\n', 'FL2001');
    expect(suggestion).toMatchObject({ title: 'replace with `work`', applicability: 'machine-applicable' });
    expect(fixed).toBe('queue jobs: Job\nfn work\njobs -> work\n');
    expect(after).toEqual([]);
  });

  test('FL2001: with two close names, each is offered and neither is applied by --fix', () => {
    const text = `${head}queue jobs: Job\nfn work1\nfn work2\njobs -> work\nwork1 -> jobs\nwork2 -> jobs\n`;
    const diagnostic = checkText('app.flow', text).diagnostics.find((d) => d.code === 'FL2001');
    expect(diagnostic?.suggestions?.map((s) => [s.title, s.applicability])).toEqual([
      ['replace with `work1`', 'maybe-incorrect'],
      ['replace with `work2`', 'maybe-incorrect'],
    ]);
  });

  test('FL2001 in a setting: `dlq` names a queue', () => {
    const { fixed } = suggestionOf('queue jobs: Job { dlq = jbos_dead }\nqueue jobs_dead: Job\nfn work\njobs -> work\n', 'FL2001');
    expect(fixed).toContain('dlq = jobs_dead');
  });

  test('FL2002: an unknown type', () => {
    const { fixed, after } = suggestionOf('queue jobs: Jbo\nfn work\njobs -> work\n', 'FL2002');
    expect(fixed).toBe('queue jobs: Job\nfn work\njobs -> work\n');
    expect(after).toEqual([]);
  });

  test('FL2006: an unknown port', () => {
    const { fixed } = suggestionOf('queue jobs: Job\nfn work(Job)\nfn undo(failure<work>)\njobs -> work\nwork.failur -> undo\n', 'FL2006');
    expect(fixed).toContain('work.failure -> undo');
  });

  test('FL2008: a misspelt setting', () => {
    const { suggestion, fixed } = suggestionOf('queue jobs: Job { visiblity = 60s }\nfn work\njobs -> work\n', 'FL2008');
    expect(suggestion?.applicability).toBe('machine-applicable');
    expect(fixed).toContain('{ visibility = 60s }');
  });

  test('FL2010: a misspelt word, a quoted field, a duration without a unit', () => {
    expect(suggestionOf('stream s: Job\nfn f\ns -> f { start = latst }\n', 'FL2010').fixed).toContain('start = latest');
    const quoted = suggestionOf('queue q: Job { fifo = true, group = "customer.id" }\nfn f\nq -> f\n', 'FL2010');
    expect(quoted.suggestion?.applicability).toBe('machine-applicable');
    expect(quoted.fixed).toContain('group = customer.id }');
    const unit = suggestionOf('queue q: Job\nfn f { timeout = 30 }\nq -> f\n', 'FL2010');
    expect(unit.suggestion).toMatchObject({ title: 'write `timeout = 30s`', applicability: 'maybe-incorrect' });
  });

  test('FL4024: a FIFO-only setting offers `fifo = true` (in the block, on its own line when the block is) or removing it', () => {
    const inline = suggestionOf('queue q: Job { group = id }\nfn f\nq -> f\n', 'FL4024');
    expect(inline.fixed).toBe('queue q: Job { fifo = true, group = id }\nfn f\nq -> f\n');
    expect(inline.after).toEqual([]);
    const lines = suggestionOf('queue q: Job {\n  group = id\n  visibility = 60s\n}\nfn f\nq -> f\n', 'FL4024');
    expect(lines.fixed).toBe('queue q: Job {\n  fifo = true\n  group = id\n  visibility = 60s\n}\nfn f\nq -> f\n');
    const flipped = suggestionOf('queue q: Job { fifo = false, group = id }\nfn f\nq -> f\n', 'FL4024');
    expect(flipped.fixed).toBe('queue q: Job { fifo = true, group = id }\nfn f\nq -> f\n');
    const removed = suggestionOf('queue q: Job { group = id }\nfn f\nq -> f\n', 'FL4024', 1);
    expect(removed.suggestion?.title).toBe('remove `group`');
    expect(removed.fixed).toBe('queue q: Job\nfn f\nq -> f\n');
    expect(removed.after).toEqual([]);
  });

  test('FL4021: the dead-letter queue of a FIFO queue gets `fifo = true`, with a block when it has none', () => {
    const { suggestion, fixed, after } = suggestionOf('queue q: Job { fifo = true, dlq = dead }\nqueue dead: Job\nfn f\nq -> f\n', 'FL4021');
    expect(suggestion?.applicability).toBe('machine-applicable');
    expect(fixed).toContain('queue dead: Job { fifo = true }\n');
    expect(after).toEqual([]);
  });

  test('the JSON output carries them with 1-based ranges', () => {
    const text = `${head}queue jobs: Job\nfn work\njobs -> wrok\n`;
    const diagnostic = checkText('app.flow', text).diagnostics.find((d) => d.code === 'FL2001');
    expect(toJsonDiagnostic(diagnostic!).suggestions).toEqual([
      { title: 'replace with `work`', applicability: 'machine-applicable', edits: [{ line: 5, column: 9, endLine: 5, endColumn: 13, replacement: 'work' }] },
    ]);
  });

  test('--fix takes one machine-applicable suggestion per diagnostic and never two overlapping edits', () => {
    const text = `${head}queue jobs: Job { visiblity = 1m }\nfn work\njobs -> wrok\nwrok.failure -> jobs\n`;
    const { edits, fixed } = safeEdits(checkText('app.flow', text).diagnostics);
    expect(fixed.map((d) => d.code)).toEqual(['FL2008', 'FL2001', 'FL2001']);
    expect(applyEdits(text, edits)).toBe(`${head}queue jobs: Job { visibility = 1m }\nfn work\njobs -> work\nwork.failure -> jobs\n`);
    const same = { span: { start: 3, end: 5 }, replacement: 'x' };
    const diagnostic = checkText('app.flow', text).diagnostics[0]!;
    const twice = [diagnostic, diagnostic].map((d) => ({ ...d, suggestions: [{ title: 't', edits: [same], applicability: 'machine-applicable' as const }] }));
    expect(safeEdits(twice).edits).toEqual([same]);
  });
});
