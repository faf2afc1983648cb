// `stage NAME { … }` blocks (issue 16 §2): what a block changes on its stage, and how every
// declared stage is checked with each mistake reported once, at the line that makes it.
import { describe, expect, test } from 'vitest';
import type { Diagnostic } from '../../compiler/diagnostics/diagnostic.js';
import { compileText } from '../../compiler/program.js';

const base = `app shop { memory = 256 }
type Order = { id: string, total: number }
topic placed: Order
queue jobs: Order
fn charge(Order) { timeout = 30s }
fn ship(Order)
placed -> charge
jobs -> ship
`;

function where(d: Diagnostic): string {
  const { line, column } = d.source.position(d.primary.span.start);
  return `${d.code} ${line}:${column}`;
}

describe('what a stage block changes', () => {
  const flow = `${base}stage dev {}
stage prod {
  region = "eu-west-1"
  account = "123456789012"
  stack = "shop-production"
  memory = 1024
  charge { memory = 2048, concurrency = 50 }
  jobs { visibility = 300s }
}
`;

  test('without --stage the app is as written: its settings, names <app>-<name>, no deploy settings', () => {
    const { manifest, diagnostics } = compileText('shop.flow', flow);
    expect(diagnostics).toEqual([]);
    expect(manifest!.functions.map((f) => [f.name, f.memoryMb, f.reservedConcurrency])).toEqual([
      ['charge', 256, null],
      ['ship', 256, null],
    ]);
    expect(manifest!.stage).toBeUndefined();
    expect(manifest!.deploy).toBeUndefined();
  });

  test('--stage prod: app settings of the stage are inherited, a declaration block overrides only what it writes', () => {
    const { manifest, diagnostics } = compileText('shop.flow', flow, { stage: 'prod' });
    expect(diagnostics).toEqual([]);
    const fns = Object.fromEntries(manifest!.functions.map((f) => [f.name, f]));
    expect([fns.charge!.memoryMb, fns.charge!.reservedConcurrency, fns.charge!.timeoutSeconds]).toEqual([2048, 50, 30]);
    expect([fns.ship!.memoryMb, fns.ship!.reservedConcurrency]).toEqual([1024, null]);
    expect(manifest!.queues.find((q) => q.name === 'jobs')!.visibilityTimeoutSeconds).toBe(300);
    expect(manifest!.stage).toBe('prod');
    expect(manifest!.deploy).toEqual({ region: 'eu-west-1', account: '123456789012', stack: 'shop-production' });
  });

  test('an empty stage block is the app as written, on its own names', () => {
    const { manifest } = compileText('shop.flow', flow, { stage: 'dev' });
    expect(manifest!.functions.map((f) => f.memoryMb)).toEqual([256, 256]);
    expect(manifest!.stage).toBe('dev');
    expect(manifest!.deploy).toBeUndefined();
  });
});

describe('every stage is checked, each mistake once', () => {
  test('a value wrong only on one stage is reported at the stage line, once, saying on which stage', () => {
    const flow = `${base}stage dev {}\nstage prod { charge { memory = 20000 } }\n`;
    for (const stage of [undefined, 'dev', 'prod']) {
      const { diagnostics, manifest } = compileText('shop.flow', flow, stage === undefined ? {} : { stage });
      expect(diagnostics.map(where)).toEqual(['FL4035 10:32']);
      expect(manifest).toBeUndefined();
      const note = diagnostics[0]!.notes.at(-1);
      // Built for prod, the diagnostic is of the program built; otherwise it is another stage's.
      if (stage === 'prod') expect(note).toBeUndefined();
      else expect(note).toBe('found on stage `prod`');
    }
  });

  test('a mistake of the app itself is reported once, not once per stage, and without a note', () => {
    const flow = `${base.replace('memory = 256', 'memory = 20000')}stage dev {}\nstage staging {}\nstage prod {}\n`;
    const { diagnostics } = compileText('shop.flow', flow);
    expect(diagnostics.map(where)).toEqual(['FL4035 1:21']);
    expect(diagnostics[0]!.notes).toEqual([]);
  });

  test('an app value every stage overrides is still wrong without a stage, and says so when a stage is built', () => {
    const flow = `${base.replace('memory = 256', 'memory = 20000')}stage prod { memory = 1024 }\n`;
    const { diagnostics } = compileText('shop.flow', flow, { stage: 'prod' });
    expect(diagnostics.map(where)).toEqual(['FL4035 1:21']);
    expect(diagnostics[0]!.notes.at(-1)).toBe('found without a stage (no `--stage`)');
  });

  test('FL4036 is measured on every stage, so the longest stage name counts, once', () => {
    const name = 'f'.repeat(64 - 'shop-'.length - 'dev-'.length);
    const flow = `app shop\ntype Job = { id: string }\nqueue jobs: Job\nfn ${name}(Job)\njobs -> ${name}\nstage dev {}\nstage production {}\nstage staging {}\n`;
    const found = compileText('shop.flow', flow).diagnostics;
    expect(found.map(where)).toEqual(['FL4036 4:4']);
    expect(found[0]!.message).toBe(`the function name \`shop-production-${name}\` has ${'shop-production-'.length + name.length} characters; AWS allows 64`);
    expect(found[0]!.notes.at(-1)).toBe('found on stages `production` and `staging`');
  });

  test('the mistakes of a stage block itself are reported once, whatever stage is built', () => {
    const flow = `${base}stage prod {\n  memroy = 5\n  chrage { memory = 1 }\n  ship = 5\n  charge { memory = 512 }\n  charge { timeout = 5s }\n  charge { retries = 9 }\n}\n`;
    for (const stage of [undefined, 'prod']) {
      const diagnostics = compileText('shop.flow', flow, stage === undefined ? {} : { stage }).diagnostics;
      expect(diagnostics.map(where)).toEqual(['FL2008 10:3', 'FL2019 11:3', 'FL2010 12:10', 'FL2009 14:3', 'FL2009 15:3']);
    }
    const [unknownSetting, unknownDecl, notBlock] = compileText('shop.flow', flow).diagnostics;
    expect(unknownSetting!.message).toBe('unknown setting `memroy` for a stage');
    expect(unknownSetting!.help).toBe('did you mean `memory`?');
    expect(unknownDecl!.help).toBe('did you mean `charge`?');
    expect(unknownDecl!.suggestions?.[0]?.edits[0]?.replacement).toBe('charge');
    expect(notBlock!.message).toBe('`ship` is a function: a stage changes its settings in a block');
  });

  test('a deploy setting outside a stage points to the stage block', () => {
    const diagnostics = compileText('shop.flow', base.replace('memory = 256', 'memory = 256, region = "eu-west-1"')).diagnostics;
    expect(diagnostics.map(where)).toEqual(['FL2008 1:26']);
    expect(diagnostics[0]!.help).toBe('`region` is a setting of a stage');
  });

  test('two stages of one name: FL2003, and the second block is still checked', () => {
    const flow = `${base}stage prod {}\nstage prod { memroy = 1 }\n`;
    const diagnostics = compileText('shop.flow', flow).diagnostics;
    expect(diagnostics.map(where)).toEqual(['FL2003 10:7', 'FL2008 10:14']);
    expect(diagnostics[0]!.message).toBe('stage `prod` is declared twice');
  });

  test('a stage may share its name with a declaration', () => {
    expect(compileText('shop.flow', `${base}stage ship { ship { memory = 512 } }\n`, { stage: 'ship' }).diagnostics).toEqual([]);
  });
});

describe('--stage and the declared stages', () => {
  const flow = `${base}stage dev {}\nstage prod {}\n`;

  test('a stage none declares is FL2018 with did-you-mean, at the closest stage', () => {
    const { diagnostics, manifest } = compileText('shop.flow', flow, { stage: 'prd' });
    expect(diagnostics.map(where)).toEqual(['FL2018 10:7']);
    expect(diagnostics[0]!.help).toBe('did you mean `--stage prod`?');
    expect(manifest).toBeUndefined();
  });

  test('with nothing close, FL2018 lists the stages', () => {
    const { diagnostics } = compileText('shop.flow', flow, { stage: 'qa' });
    expect(diagnostics.map(where)).toEqual(['FL2018 9:7']);
    expect(diagnostics[0]!.help).toBe('use one of its stages: `--stage dev` or `--stage prod`');
  });

  test('a file without stage blocks takes any stage: names only', () => {
    const { diagnostics, manifest } = compileText('shop.flow', base, { stage: 'qa' });
    expect(diagnostics).toEqual([]);
    expect(manifest!.stage).toBe('qa');
  });

  test('a stage block with a syntax error is not reported unknown as well', () => {
    const { diagnostics } = compileText('shop.flow', `${base}stage prod { memory = }\n`, { stage: 'prod' });
    expect(diagnostics.map((d) => d.code)).toEqual(['FL1001']);
  });
});

describe('deploy settings of the wrong form', () => {
  test('an account written as a number: FL2010 with the quoted value as a machine-applicable fix', () => {
    const { diagnostics } = compileText('shop.flow', `${base}stage prod { account = 012345678901 }\n`);
    expect(diagnostics.map(where)).toEqual(['FL2010 9:24']);
    expect(diagnostics[0]!.help).toBe('write it in quotes: `account = "012345678901"`');
    expect(diagnostics[0]!.suggestions).toEqual([
      { title: 'write `account = "012345678901"`', edits: [{ span: diagnostics[0]!.primary.span, replacement: '"012345678901"' }], applicability: 'machine-applicable' },
    ]);
  });
});

describe('FL4054: the stack a stage deploys to', () => {
  test('an app name with `_` makes every default stack name bad: reported at the app, once per stage', () => {
    const flow = `${base.replace('app shop', 'app my_shop')}stage prod {}\n`;
    const diagnostics = compileText('shop.flow', flow).diagnostics.filter((d) => d.code === 'FL4054');
    expect(diagnostics.map(where)).toEqual(['FL4054 1:5']);
    expect(diagnostics[0]!.message).toBe('the stack of stage `prod`, `my_shop-prod`, is not a name CloudFormation takes: it has "_", which a stack name may not');
    expect(compileText('shop.flow', `${base.replace('app shop', 'app my_shop')}stage prod { stack = "shop-prod" }\n`).diagnostics.filter((d) => d.code === 'FL4054')).toEqual([]);
  });

  test('a `stack` of the stage that CloudFormation refuses, with a cleaned name offered', () => {
    const diagnostics = compileText('shop.flow', `${base}stage prod { stack = "1shop.prod" }\n`).diagnostics;
    expect(diagnostics.map(where)).toEqual(['FL4054 9:22']);
    expect(diagnostics[0]!.message).toBe('the stack of stage `prod`, `1shop.prod`, is not a name CloudFormation takes: it does not start with a letter');
    expect(diagnostics[0]!.suggestions?.[0]?.edits[0]?.replacement).toBe('"shop-prod"');
  });
});
