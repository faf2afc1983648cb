// The kind registry (compiler/kinds/) against what tsc cannot check: that the grammar takes each
// keyword, that resolve turns exactly the registered arrows into edges, that the CloudFormation
// emitter makes the registered resource type, and that the simulator has the registered service.
// A new kind fails here at every place it has not filled yet (CONTRIBUTING.md, "a resource kind").
import { existsSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { declarationKinds, declarationsOf, kinds } from '../../compiler/kinds/registry.js';
import type { DeclarationKind } from '../../compiler/kinds/registry.js';
import { buildTemplate } from '../../compiler/emit/cloudformation/build-template.js';
import { checkText, compileText } from '../../compiler/program.js';

const root = new URL('../../', import.meta.url).pathname;

/** A declaration of `kind` named `name` that needs nothing else to be valid. */
function declare(kind: DeclarationKind, name: string): string {
  switch (kind) {
    case 'fn':
      return `fn ${name}(M) -> M`;
    case 'stream':
      return `stream ${name}: M { partition = id }`;
    case 'table':
      return `table ${name}: M { key = id, stream = new_and_old }`;
    case 'api':
      return `api ${name}`;
    case 'bucket':
      // A bucket holds objects, not messages of a type (FL4083).
      return `bucket ${name}`;
    case 'schedule':
      return `schedule ${name}: M { every = 1h, input = { id = "x" } }`;
    default:
      return `${kind} ${name}: M`;
  }
}

const prelude = 'app reg\ntype M = { id: string }\n';

describe('each kind of the registry', () => {
  test.each(declarationKinds)('%s: the grammar and resolve take its keyword', (kind) => {
    const result = checkText('reg.flow', `${prelude}${declare(kind, 'x')}\n`);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.program?.declarations.get('x')?.kind).toBe(kind);
  });

  test.each(declarationKinds)('%s: an arrow from it is an edge exactly when its module registers the target', (source) => {
    for (const target of declarationKinds) {
      const result = checkText('reg.flow', `${prelude}${declare(source, 'a')}\n${declare(target, 'b')}\na -> b\n`);
      const registered: string | undefined = (kinds[source].edges as Readonly<Record<string, string>>)[target];
      const codes = result.diagnostics.map((d) => d.code);
      if (registered === undefined) {
        expect(codes, `${source} -> ${target}`).toContain('FL2012');
        expect(result.program?.edges).toEqual([]);
      } else {
        expect(codes, `${source} -> ${target}`).not.toContain('FL2012');
        expect(result.program?.edges.map((e) => e.kind)).toEqual([registered]);
      }
    }
  });

  test.each(declarationKinds)('%s: the simulator has its service', (kind) => {
    expect(existsSync(`${root}runtime/sim/services/${kinds[kind].simulator}.ts`)).toBe(true);
  });
});

test('the manifest lists every kind where its module says, and the template has each registered type', () => {
  // A schedule creates its resources only with its one target (Scheduler has no schedule without one).
  const text = `${prelude}${declarationKinds.map((kind) => declare(kind, `a_${kind}`)).join('\n')}\na_schedule -> a_fn\n`;
  const { manifest, diagnostics } = compileText('reg.flow', text);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  if (!manifest) throw new Error('no manifest');
  expect(declarationsOf(manifest).map((d) => [d.kind, d.spec.name])).toEqual(declarationKinds.map((kind) => [kind, `a_${kind}`]));
  const types = new Set(Object.values(buildTemplate(manifest).Resources).map((r) => r.Type));
  for (const kind of declarationKinds) expect(types, kind).toContain(kinds[kind].cloudformation.type);
});
