import { spawnSync } from 'node:child_process';
import { isAlias, isNode, parseDocument, visit } from 'yaml';

/**
 * The YAML parsers that read flowc's templates, as an oracle: PyYAML (what the AWS CLI, SAM
 * and cfn-lint use; YAML 1.1; its pure-Python SafeLoader and, when built with it, libyaml's
 * CSafeLoader) and the `yaml` npm package in its 1.2 and 1.1 modes. Each says whether a YAML
 * text reads as exactly the data of a JSON text.
 */

/** A reader's verdict on one YAML text: undefined when it read the JSON's data, else what went wrong. */
export type Verdict = string | undefined;

export interface PyYaml {
  readonly python: string;
  /** `SafeLoader`, and `CSafeLoader` when PyYAML was built with libyaml. */
  readonly loaders: readonly string[];
}

/**
 * `$FLOWC_PYTHON` when set (and then only it), else the first of `python3` and Debian's own
 * `/usr/bin/python3` that imports PyYAML (a pyenv or venv `python3` first on the PATH does not
 * see Debian's `python3-yaml`).
 */
export function findPyYaml(): PyYaml | undefined {
  const candidates = process.env.FLOWC_PYTHON ? [process.env.FLOWC_PYTHON] : ['python3', '/usr/bin/python3'];
  for (const python of candidates) {
    const probe = spawnSync(python, ['-c', 'import yaml; print("CSafeLoader" if getattr(yaml, "__with_libyaml__", False) else "")'], { encoding: 'utf8' });
    if (probe.status === 0) return { python, loaders: ['SafeLoader', ...(probe.stdout.trim() ? ['CSafeLoader'] : [])] };
  }
  return undefined;
}

/**
 * Reads every pair `[yaml, json]` in one Python process. The comparison is exact: types too
 * (in Python `1 == 1.0 == True`, which would hide `1` read as `1.0` or `True`).
 */
const PYTHON_SCRIPT = String.raw`
import json, sys, yaml

def same(a, b):
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    return a == b

def verdict(loader, text, expected):
    try:
        data = yaml.load(text, Loader=loader)
    except Exception as error:
        return 'error: ' + type(error).__name__ + ': ' + str(error)[:300]
    return None if same(data, expected) else 'different data: ' + repr(data)[:300]

loaders = [getattr(yaml, name) for name in sys.argv[1:]]
pairs = json.loads(sys.stdin.buffer.read().decode('utf-8'))
out = [[verdict(loader, text, json.loads(expected)) for loader in loaders] for text, expected in pairs]
sys.stdout.write(json.dumps(out))
`;

/** `verdicts[i][j]`: pair i as read by loader j of `pyYaml.loaders`. */
export function readWithPyYaml(pyYaml: PyYaml, pairs: readonly (readonly [yaml: string, json: string])[]): Verdict[][] {
  // JSON on stdin: the YAML texts travel as escapes, whatever they hold (lone surrogates too).
  const result = spawnSync(pyYaml.python, ['-c', PYTHON_SCRIPT, ...pyYaml.loaders], {
    input: JSON.stringify(pairs),
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  if (result.status !== 0) throw new Error(`${pyYaml.python} failed (${result.status}): ${result.stderr}`);
  const verdicts = JSON.parse(result.stdout) as (string | null)[][];
  return verdicts.map((row) => row.map((v) => v ?? undefined));
}

/**
 * The `yaml` package's verdict in one mode: errors, warnings (an unknown tag is only a
 * warning there), any tag, anchor or alias in the document (flowc writes none, so one would be
 * user text read as YAML syntax), or data other than the JSON's.
 */
export function readWithYamlPackage(text: string, json: string, version: '1.1' | '1.2'): Verdict {
  const document = parseDocument(text, { version, prettyErrors: false });
  const problems = [...document.errors, ...document.warnings];
  if (problems.length > 0) return `error: ${problems.map((p) => p.message).join('; ').slice(0, 300)}`;
  let syntax: string | undefined;
  visit(document, (_key, node) => {
    if (isAlias(node)) syntax = `an alias *${node.source}`;
    else if (isNode(node) && (node.tag !== undefined || node.anchor !== undefined)) syntax = `a tag or anchor (${node.tag ?? ''} &${node.anchor ?? ''})`;
    return syntax ? visit.BREAK : undefined;
  });
  if (syntax) return `YAML syntax in the data: ${syntax}`;
  const data: unknown = document.toJS({ maxAliasCount: 0 });
  const expected: unknown = JSON.parse(json);
  return sameData(data, expected) ? undefined : `different data: ${JSON.stringify(data)?.slice(0, 300)}`;
}

/** JSON data equality: the same types and keys, numbers equal as numbers (`-0` is `0`, as in JSON). */
function sameData(a: unknown, b: unknown): boolean {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return a === b;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const aKeys = Object.keys(a);
  const bKeys = new Set(Object.keys(b));
  if (aKeys.length !== bKeys.size || Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  return aKeys.every((k) => bKeys.has(k) && sameData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
