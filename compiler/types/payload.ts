import type { PayloadType } from '../../runtime/manifest/types.js';
import type { Reporter } from '../diagnostics/reporter.js';
import { isBuiltinTypeName } from '../resolve/program.js';
import type { TypeDecl, TypeExpr } from '../syntax/ast.js';
import { printTypeExpr } from './print.js';

/**
 * Converts the type expressions of the AST into payload types: built-ins become scalars,
 * declared names stay references, `success<f>`/`failure<f>` become invocation records.
 * Reports unions that are not all string literals (FL3005) and declared types that contain
 * themselves (FL3004). A name that did not resolve becomes `unknown`, which is assignable to
 * and from everything, so it never causes a follow-on error.
 */
export class TypeConverter {
  /** Declared types that are recursive: their references read as `unknown`. */
  readonly #recursive = new Set<string>();

  constructor(
    private readonly reporter: Reporter,
    private readonly declared: ReadonlyMap<string, TypeDecl>,
  ) {
    this.findCycles();
  }

  convert(type: TypeExpr, report = true): PayloadType {
    switch (type.kind) {
      case 'NamedType': {
        const name = type.name.text;
        if (isBuiltinTypeName(name)) return { kind: name };
        if (this.declared.has(name) && !this.#recursive.has(name)) return { kind: 'ref', name };
        return { kind: 'unknown' };
      }
      case 'ArrayType':
        return { kind: 'array', element: this.convert(type.element, report) };
      case 'RecordType':
        return {
          kind: 'record',
          fields: dedupeFields(type.fields).map((f) => ({ name: f.name.text, type: this.convert(f.type, report), optional: f.optional })),
        };
      case 'StringLiteralType':
        return { kind: 'literal', value: type.value };
      case 'InvocationRecordType':
        return { kind: 'invocation', condition: type.condition, function: type.function.text };
      case 'UnionType': {
        const members: PayloadType[] = [];
        let ok = true;
        for (const member of type.members) {
          const converted = this.convert(member, report);
          if (this.isStringLiteral(converted)) {
            for (const literal of this.literalsOf(converted)) if (!members.some((m) => m.kind === 'literal' && literal.kind === 'literal' && m.value === literal.value)) members.push(literal);
            continue;
          }
          ok = false;
          if (report && converted.kind !== 'unknown') {
            this.reporter.report('FL3005', member.span, `a union may only contain string literals, not \`${printTypeExpr(member)}\``, {
              label: 'not a string literal',
              help: 'write each alternative as a string, e.g. `"card" | "invoice"`; for alternatives with fields use one record with optional fields',
            });
          }
        }
        return ok ? { kind: 'union', members } : { kind: 'unknown' };
      }
    }
  }

  /** A literal, a union of literals, or a reference to one. */
  private isStringLiteral(type: PayloadType): boolean {
    if (type.kind === 'literal') return true;
    if (type.kind === 'union') return type.members.every((m) => this.isStringLiteral(m));
    if (type.kind === 'ref') {
      const decl = this.declared.get(type.name);
      return decl !== undefined && this.isStringLiteral(this.convert(decl.type, false));
    }
    return false;
  }

  private literalsOf(type: PayloadType): PayloadType[] {
    if (type.kind === 'literal') return [type];
    if (type.kind === 'union') return type.members.flatMap((m) => this.literalsOf(m));
    if (type.kind === 'ref') {
      const decl = this.declared.get(type.name);
      return decl ? this.literalsOf(this.convert(decl.type, false)) : [];
    }
    return [];
  }

  /**
   * A declared type that reaches itself through fields, arrays or unions has no finite JSON
   * shape that flowc can check or generate code for: FL3004, the cycle drawn in the message.
   */
  private findCycles(): void {
    const state = new Map<string, 'visiting' | 'done'>();
    const stack: string[] = [];
    const visit = (name: string) => {
      const current = state.get(name);
      if (current === 'done') return;
      if (current === 'visiting') {
        const cycle = [...stack.slice(stack.indexOf(name)), name];
        const first = this.declared.get(name);
        if (first && !this.#recursive.has(name)) {
          for (const member of cycle) this.#recursive.add(member);
          this.reporter.report('FL3004', first.name.span, `type \`${name}\` contains itself: ${cycle.map((n) => `\`${n}\``).join(' → ')}`, {
            label: 'recursive type',
            why: 'A payload is a JSON document of a fixed shape: flowc checks it along every edge and generates a TypeScript type for it, and neither can follow a type into itself.',
            help: 'payloads are JSON documents of a fixed shape; refer to the nested item by an id field instead, e.g. `parent: string`',
          });
        }
        return;
      }
      const decl = this.declared.get(name);
      if (!decl) return;
      state.set(name, 'visiting');
      stack.push(name);
      for (const referenced of namesIn(decl.type)) visit(referenced);
      stack.pop();
      state.set(name, 'done');
    };
    for (const name of this.declared.keys()) visit(name);
  }
}

function namesIn(type: TypeExpr): string[] {
  switch (type.kind) {
    case 'NamedType':
      return [type.name.text];
    case 'ArrayType':
      return namesIn(type.element);
    case 'RecordType':
      return type.fields.flatMap((f) => namesIn(f.type));
    case 'UnionType':
      return type.members.flatMap(namesIn);
    case 'StringLiteralType':
    case 'InvocationRecordType':
      return [];
  }
}

/** A field declared twice (FL2011, already reported) counts once: the first declaration. */
function dedupeFields<T extends { name: { text: string } }>(fields: readonly T[]): T[] {
  const seen = new Set<string>();
  return fields.filter((f) => (seen.has(f.name.text) ? false : (seen.add(f.name.text), true)));
}
