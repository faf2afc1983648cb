/**
 * Identifiers of the generated module. Flow names are already identifiers, but some are
 * TypeScript keywords or built-in type names, and the names flowc derives (`ChargeEvent`) may
 * meet a declared one. A name that is taken gets `_` appended, in a fixed claiming order (the
 * manifest's sorted lists), so the same flow always gives the same names.
 */

const reservedWords = [
  // ECMAScript reserved words, strict mode and module code included.
  'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else', 'enum', 'export',
  'extends', 'false', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof', 'new', 'null', 'return', 'super',
  'switch', 'this', 'throw', 'true', 'try', 'typeof', 'var', 'void', 'while', 'with', 'implements', 'interface', 'let',
  'package', 'private', 'protected', 'public', 'static', 'yield', 'await', 'arguments', 'eval',
  // Names a type alias cannot have.
  'any', 'bigint', 'boolean', 'never', 'number', 'object', 'string', 'symbol', 'undefined', 'unknown',
  // Globals the generated code and the stubs use.
  'Promise', 'Error', 'JSON', 'Record',
];

const reserved: ReadonlySet<string> = new Set(reservedWords);

export function isReservedWord(name: string): boolean {
  return reserved.has(name);
}

/** `sessionize` → `Sessionize`, `on_call` → `OnCall`, `b0_f1` → `B0F1`. */
export function pascalCase(name: string): string {
  const joined = name
    .split('_')
    .filter((part) => part !== '')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
  return /^[A-Za-z]/.test(joined) ? joined : `Fn${joined}`;
}

/** `Order` → `order`: a parameter name for a value of a declared type. */
export function camelCase(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

/** Hands out identifiers of one module, never the same twice. */
export class NameAllocator {
  readonly #taken = new Set<string>(reservedWords);

  /** `wanted`, or `wanted_`, `wanted__`…: the first that is free. */
  claim(wanted: string): string {
    let name = wanted;
    while (this.#taken.has(name)) name += '_';
    this.#taken.add(name);
    return name;
  }

  /** `base + suffix` for every suffix, with the first base (`base`, `base_`…) that frees them all. */
  claimGroup<Suffix extends string>(base: string, suffixes: readonly Suffix[]): Record<Suffix, string> {
    let stem = base;
    while (suffixes.some((suffix) => this.#taken.has(stem + suffix))) stem += '_';
    const names = {} as Record<Suffix, string>;
    for (const suffix of suffixes) {
      names[suffix] = stem + suffix;
      this.#taken.add(stem + suffix);
    }
    return names;
  }
}
