import type { PayloadType } from '../../runtime/manifest/types.js';
import type { Reporter } from '../diagnostics/reporter.js';
import { isBuiltinTypeName } from '../resolve/program.js';
import type { TypeDecl, TypeExpr } from '../syntax/ast.js';
import { MAX_TYPE_DEPTH } from '../syntax/limits.js';
import { printTypeExpr } from './print.js';

/**
 * Converts the type expressions of the AST into payload types: built-ins become scalars,
 * declared names stay references, `success<f>`/`failure<f>` become invocation records.
 * Reports unions that are not all string literals (FL3005), declared types that contain
 * themselves (FL3004) and declared types that nest too deeply through the types they name
 * (FL3011). A name that did not resolve becomes `unknown`, which is assignable to and from
 * everything, so it never causes a follow-on error; so do references to recursive and too
 * deep types, which are reported once, at their declaration.
 */
export class TypeConverter {
  /** Declared types that are recursive: their references read as `unknown`. */
  readonly #recursive = new Set<string>();
  /** Declared types nested deeper than MAX_TYPE_DEPTH through the types they name (FL3011). */
  readonly #tooDeep = new Set<string>();
  /** Each declared type converted once without reporting, for the literal questions below. */
  readonly #quiet = new Map<string, PayloadType>();
  /** Each declared type's literals, once: a union of unions of … costs one pass per name. */
  readonly #literals = new Map<string, readonly PayloadType[] | null>();

  constructor(
    private readonly reporter: Reporter,
    private readonly declared: ReadonlyMap<string, TypeDecl>,
  ) {
    this.findCycles();
    this.measureDepths();
  }

  /** Whether references to this declared type read as `unknown` (it is recursive or too deep). */
  isUnusable(name: string): boolean {
    return this.#recursive.has(name) || this.#tooDeep.has(name);
  }

  convert(type: TypeExpr, report = true): PayloadType {
    switch (type.kind) {
      case 'NamedType': {
        const name = type.name.text;
        if (isBuiltinTypeName(name)) return { kind: name };
        if (this.declared.has(name) && !this.isUnusable(name)) return { kind: 'ref', name };
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
        const seen = new Set<string>();
        let ok = true;
        for (const member of type.members) {
          const converted = this.convert(member, report);
          const literals = this.literalsOf(converted);
          if (literals !== undefined) {
            for (const literal of literals) {
              if (literal.kind !== 'literal' || seen.has(literal.value)) continue;
              seen.add(literal.value);
              members.push(literal);
            }
            continue;
          }
          ok = false;
          // A member that is unknown, or names a type that is (unresolved, recursive, too
          // deep: each reported at its cause), is not this union's mistake.
          if (report && !this.isUnknown(converted)) {
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

  /** The literals of a literal, a union of literals, or a reference to one; undefined for anything else. */
  private literalsOf(type: PayloadType): readonly PayloadType[] | undefined {
    if (type.kind === 'literal') return [type];
    if (type.kind === 'union') {
      // Converted unions are flat: every member is a literal.
      return type.members.every((m) => m.kind === 'literal') ? type.members : undefined;
    }
    if (type.kind !== 'ref') return undefined;
    const cached = this.#literals.get(type.name);
    if (cached !== undefined) return cached ?? undefined;
    const decl = this.declared.get(type.name);
    // The reference chain is at most MAX_TYPE_DEPTH long (FL3011), so this recursion is bounded.
    const literals = decl ? this.literalsOf(this.quietly(type.name, decl)) : undefined;
    this.#literals.set(type.name, literals ?? null);
    return literals;
  }

  private isUnknown(type: PayloadType): boolean {
    if (type.kind === 'unknown') return true;
    const decl = type.kind === 'ref' ? this.declared.get(type.name) : undefined;
    return decl !== undefined && type.kind === 'ref' && this.quietly(type.name, decl).kind === 'unknown';
  }

  private quietly(name: string, decl: TypeDecl): PayloadType {
    let converted = this.#quiet.get(name);
    if (converted === undefined) this.#quiet.set(name, (converted = this.convert(decl.type, false)));
    return converted;
  }

  /**
   * A declared type that reaches itself through fields, arrays or unions has no finite JSON
   * shape that flowc can check or generate code for: FL3004, the cycle drawn in the message.
   * A depth-first walk with its own stack: a chain of thousands of names costs no call stack.
   */
  private findCycles(): void {
    const state = new Map<string, 'visiting' | 'done'>();
    for (const root of this.declared.keys()) {
      if (state.has(root)) continue;
      const path: string[] = [];
      const frames: { name: string; next: string[] }[] = [];
      const enter = (name: string) => {
        state.set(name, 'visiting');
        path.push(name);
        frames.push({ name, next: namesIn((this.declared.get(name) as TypeDecl).type).reverse() });
      };
      enter(root);
      while (frames.length > 0) {
        const frame = frames[frames.length - 1] as { name: string; next: string[] };
        const referenced = frame.next.pop();
        if (referenced === undefined) {
          frames.pop();
          path.pop();
          state.set(frame.name, 'done');
          continue;
        }
        const current = state.get(referenced);
        if (current === 'visiting') this.reportCycle(referenced, [...path.slice(path.lastIndexOf(referenced)), referenced]);
        else if (current === undefined && this.declared.has(referenced)) enter(referenced);
      }
    }
  }

  private reportCycle(name: string, cycle: readonly string[]): void {
    const first = this.declared.get(name);
    if (!first || this.#recursive.has(name)) return;
    for (const member of cycle) this.#recursive.add(member);
    this.reporter.report('FL3004', first.name.span, `type \`${name}\` contains itself: ${drawChain(cycle)}`, {
      label: 'recursive type',
      why: 'A payload is a JSON document of a fixed shape: flowc checks it along every edge and generates a TypeScript type for it, and neither can follow a type into itself.',
      help: 'payloads are JSON documents of a fixed shape; refer to the nested item by an id field instead, e.g. `parent: string`',
    });
  }

  /**
   * FL3011: how deep each declared type nests once the types it names are filled in, counted
   * like FL3010 counts one written type (each record, array, union and named type is a
   * level). Every phase that follows a type into the types it names (comparison, code
   * generation, the simulator's payload checks) may then recurse at most MAX_TYPE_DEPTH
   * levels. Computed in dependency order with an explicit stack; a type that is too deep is
   * reported at its declaration and reads as `unknown`, so the types that name it are not
   * reported again.
   */
  private measureDepths(): void {
    const depth = new Map<string, number>();
    /** The named type each one's deepest level goes through, to draw the chain. */
    const deepestVia = new Map<string, string>();
    const usable = (name: string) => this.declared.has(name) && !this.#recursive.has(name);
    const done = new Set<string>();
    for (const root of this.declared.keys()) {
      if (done.has(root) || !usable(root)) continue;
      const frames: { name: string; next: string[] }[] = [{ name: root, next: namesIn((this.declared.get(root) as TypeDecl).type) }];
      done.add(root);
      while (frames.length > 0) {
        const frame = frames[frames.length - 1] as { name: string; next: string[] };
        const referenced = frame.next.pop();
        if (referenced !== undefined) {
          if (!done.has(referenced) && usable(referenced)) {
            done.add(referenced);
            frames.push({ name: referenced, next: namesIn((this.declared.get(referenced) as TypeDecl).type) });
          }
          continue;
        }
        frames.pop();
        const decl = this.declared.get(frame.name) as TypeDecl;
        let via: string | undefined;
        let viaDepth = 0;
        let namesTooDeep = false;
        const measured = expressionDepth(decl.type, (name) => {
          if (this.#tooDeep.has(name)) namesTooDeep = true;
          const d = depth.get(name) ?? 1;
          if (d > viaDepth) [via, viaDepth] = [name, d];
          return d;
        });
        if (namesTooDeep) {
          // It would be too deep as well: unusable, but reported once, where the depth is.
          this.#tooDeep.add(frame.name);
          continue;
        }
        if (measured <= MAX_TYPE_DEPTH) {
          depth.set(frame.name, measured);
          if (via !== undefined) deepestVia.set(frame.name, via);
          continue;
        }
        this.#tooDeep.add(frame.name);
        const chain = [frame.name];
        for (let next = via; next !== undefined && chain.length < 6; next = deepestVia.get(next)) chain.push(next);
        this.reporter.report('FL3011', decl.name.span, `type \`${frame.name}\` nests ${measured} levels deep through the types it names; a type may nest at most ${MAX_TYPE_DEPTH}`, {
          label: 'nested too deeply',
          notes: [`the deepest path: ${drawChain(chain)}${deepestVia.has(chain[chain.length - 1] as string) ? ' → …' : ''}`],
          why: `flowc checks a payload along every edge, generates a TypeScript type for it and validates it in the simulator, following every type it names; a limit of ${MAX_TYPE_DEPTH} levels keeps each of these bounded whatever the file says.`,
          help: 'flatten the payload: a JSON message rarely needs more than a few levels; refer to deeply nested parts by an id field instead',
        });
      }
    }
  }
}

function drawChain(names: readonly string[]): string {
  return names.map((n) => `\`${n}\``).join(' → ');
}

/** Levels of a type expression: each record, array and union is one, around its deepest part; a name is `named(name)` levels, a built-in one. */
function expressionDepth(type: TypeExpr, named: (name: string) => number): number {
  switch (type.kind) {
    case 'NamedType':
      return isBuiltinTypeName(type.name.text) ? 1 : 1 + named(type.name.text);
    case 'ArrayType':
      return 1 + expressionDepth(type.element, named);
    case 'RecordType': {
      let deepest = 0;
      for (const field of type.fields) deepest = Math.max(deepest, expressionDepth(field.type, named));
      return 1 + deepest;
    }
    case 'UnionType': {
      let deepest = 0;
      for (const member of type.members) deepest = Math.max(deepest, expressionDepth(member, named));
      return 1 + deepest;
    }
    case 'StringLiteralType':
    case 'InvocationRecordType':
      return 1;
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
