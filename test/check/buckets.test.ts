// The branches of the bucket rules (FL2026, FL2027, FL4080, FL4081, FL4083) that their fixtures
// do not reach, and the suggested edits, applied.
import { describe, expect, test } from 'vitest';
import { bucketNameRule } from '../../compiler/check/rules/bucket-name.js';
import { bucketType } from '../../compiler/check/rules/bucket-type.js';
import { notificationOverlap } from '../../compiler/check/rules/notification-overlap.js';
import { applyEdits } from '../../compiler/diagnostics/apply-edits.js';
import { checkText } from '../../compiler/program.js';
import { expectDiagnostics, ruleDiagnostics } from '../helpers/expect-diagnostics.js';

const diagnosticsOf = (flow: string) => checkText('t.flow', flow).diagnostics;

describe('FL2026/FL2027: the events of a bucket edge', () => {
  test('an unknown word is reported once, with the closest word as the edit', () => {
    const flow = 'app shop\nbucket uploads\nfn ingest\nuploads -> ingest { events = [removd] }\n';
    const [only, ...rest] = diagnosticsOf(flow);
    expect(rest).toEqual([]);
    expect(only?.code).toBe('FL2026');
    expect(applyEdits(flow, only?.suggestions?.[0]?.edits ?? [])).toContain('events = [removed]');
  });

  test('a word twice, and a narrow event beside its wide one: the edit removes the entry and its comma', () => {
    const flow = 'app shop\nbucket uploads\nfn ingest\nuploads -> ingest { events = [removed, removed] }\n';
    const [twice] = diagnosticsOf(flow);
    expect(twice?.code).toBe('FL2027');
    expect(twice?.message).toBe('`removed` is listed twice');
    expect(applyEdits(flow, twice?.suggestions?.[0]?.edits ?? [])).toContain('events = [removed] }');
    const narrow = diagnosticsOf('app shop\nbucket uploads\nfn ingest\nuploads -> ingest { events = [created_put, created] }\n');
    expect(narrow.map((d) => [d.code, d.help])).toEqual([['FL2027', 'keep `created`, which includes the other']]);
  });

  test('not a list of words: FL2010; finer events of one family do not overlap', () => {
    expect(diagnosticsOf('app shop\nbucket uploads\nfn ingest\nuploads -> ingest { events = "created" }\n').map((d) => d.code)).toEqual(['FL2010']);
    expect(diagnosticsOf('app shop\nbucket uploads\nfn ingest\nuploads -> ingest { events = [created_put, created_copy, removed_delete] }\n')).toEqual([]);
  });
});

describe('FL4080: bucket names', () => {
  test('an uppercase app name is reported once, at the app, for every bucket', () => {
    expectDiagnostics(bucketNameRule, 'app Shop\nbucket a\nbucket b\nfn f\na -> f { prefix = "x/" }\nb -> f { prefix = "y/" }\n', [
      { at: '1:5', message: 'S3 would refuse the name of every bucket of `Shop`: it contains `S`; S3 takes lowercase letters, digits, `.` and `-` only' },
    ]);
  });

  test('an uppercase bucket name is reported at the bucket; `_` becomes `-` and is fine', () => {
    expectDiagnostics(bucketNameRule, 'app shop\nbucket rawUploads\nbucket raw_files\nfn f\nrawUploads -> f { prefix = "a/" }\nraw_files -> f { prefix = "b/" }\n', [
      { at: '2:8', message: 'S3 would refuse the name of bucket `rawUploads`, `shop-rawUploads-<account>-<region>`: it contains `U`; S3 takes lowercase letters, digits, `.` and `-` only', help: 'rename the bucket in lowercase (`flowc rename bucket rawUploads rawuploads FILE` renames every use)' },
    ]);
  });

  test('the stage counts: a name that fits unstaged can be too long on a stage', () => {
    const flow = 'app shop\nbucket invoices_of_all_the_years\nfn f\ninvoices_of_all_the_years -> f\n';
    expect(diagnosticsOf(flow).filter((d) => d.code === 'FL4080')).toEqual([]);
    const staged = checkText('t.flow', flow, { stage: 'production' }).diagnostics.filter((d) => d.code === 'FL4080');
    expect(staged.map((d) => d.message)).toEqual(['S3 would refuse the name of bucket `invoices_of_all_the_years`, `shop-production-invoices-of-all-the-years-<account>-<region>`: 69 characters in the longest Region; S3 takes 63']);
  });
});

describe('FL4081: overlapping notifications', () => {
  test('suffixes that cannot both match, or disjoint events, do not overlap; a suffix inside another does', () => {
    const base = 'app shop\nbucket uploads\nfn a\nfn b\n';
    expectDiagnostics(notificationOverlap, `${base}uploads -> a { suffix = ".csv" }\nuploads -> b { suffix = ".json" }\n`, []);
    expectDiagnostics(notificationOverlap, `${base}uploads -> a { events = [created] }\nuploads -> b { events = [removed] }\n`, []);
    expectDiagnostics(notificationOverlap, `${base}uploads -> a { suffix = ".csv" }\nuploads -> b { suffix = "data.csv", prefix = "in/" }\n`, [
      { at: '6:1', message: 'the notifications `uploads -> a` and `uploads -> b` overlap', label: 's3:ObjectCreated:*, prefix "in/", suffix "data.csv"' },
    ]);
  });

  test('the same target on two edges: FL4081 when their filters meet, nothing when they do not (never FL4040)', () => {
    const codes = (flow: string) => diagnosticsOf(`app shop\nbucket uploads\nfn a\n${flow}`).map((d) => d.code);
    expect(codes('uploads -> a\nuploads -> a { prefix = "x/" }\n')).toEqual(['FL4081']);
    expect(codes('uploads -> a { suffix = ".png" }\nuploads -> a { suffix = ".jpg" }\n')).toEqual([]);
    expect(codes('uploads -> a { events = [created] }\nuploads -> a { events = [removed] }\n')).toEqual([]);
  });
});

describe('FL4083: a bucket has no type', () => {
  test('the edit removes the type', () => {
    const flow = 'app shop\ntype T = { id: string }\nbucket uploads: T\nfn f\nuploads -> f\n';
    const [diagnostic] = ruleDiagnostics(bucketType, flow);
    expect(applyEdits(flow, diagnostic?.suggestions?.[0]?.edits ?? [])).toContain('bucket uploads\n');
  });
});
