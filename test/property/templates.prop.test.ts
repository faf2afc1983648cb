import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { type YamlData, YamlPrinter } from '../../compiler/emit/cloudformation/serialize.js';
import { hostileData, hostileFlow } from '../helpers/hostile-flows.js';
import { buildFlow, findFailures } from '../helpers/template-fuzz.js';
import { findPyYaml, readWithPyYaml } from '../helpers/yaml-readers.js';

/**
 * The template fuzz test, on a bounded budget (scripts/fuzz-templates.js is the long run):
 * flows with hostile text in every position a user controls, each template written as YAML
 * and JSON, and every YAML template read by PyYAML (SafeLoader and libyaml's CSafeLoader, in
 * one Python process for the batch) and by the `yaml` package (1.2 and 1.1) as exactly its
 * JSON data. PyYAML is what the AWS CLI, SAM and cfn-lint read templates with; .ci/run
 * installs Debian's python3-yaml. In CI a missing PyYAML fails this file; elsewhere its
 * PyYAML half is skipped with a message.
 */

const pyYaml = findPyYaml();
if (!pyYaml && !process.env.CI) {
  console.warn('test/property/templates.prop.test.ts: no Python with PyYAML ($FLOWC_PYTHON, else python3 or /usr/bin/python3): PyYAML checks skipped (apt-get install python3-yaml)');
}

/**
 * A fixed seed, so the suite gives the same verdict on every run (the long run in
 * scripts/fuzz-templates.js explores new inputs); `FLOWC_FUZZ_SEED` picks another.
 */
const seed = Number(process.env.FLOWC_FUZZ_SEED ?? 20261202);

describe('every YAML template reads as its JSON template in PyYAML and the yaml package', () => {
  test.runIf(Boolean(process.env.CI))('PyYAML is installed (required in CI)', () => {
    expect(pyYaml, 'PyYAML is missing: run .ci/run, which installs python3-yaml, or set FLOWC_PYTHON').toBeDefined();
  });

  test('flows with hostile env values and names, patterns, declaration names and file names', () => {
    const flows = fc.sample(hostileFlow, { numRuns: 50, seed });
    const built = flows.map(buildFlow);
    // Most hostile flows compile: the ones refused (a name Lambda refuses) test nothing here.
    expect(built.filter((b) => b.pairs.length > 0).length, `seed ${seed}`).toBeGreaterThanOrEqual(38);
    const failures = findFailures(built, pyYaml);
    const report = failures.slice(0, 5).map((f) => `${f.reader} on ${f.path} of ${JSON.stringify(f.flow.path)}: ${f.verdict}\n${f.flow.text}`);
    expect(report, `FLOWC_FUZZ_SEED=${seed}`).toEqual([]);
  });

  test.skipIf(!pyYaml)('any JSON data, as PyYAML reads it', () => {
    const printer = new YamlPrinter();
    const values = fc.sample(hostileData(false), { numRuns: 300, seed });
    const pairs = values.map((value) => [printer.print(value as YamlData), JSON.stringify(value)] as const);
    const failures = readWithPyYaml(pyYaml!, pairs).flatMap((row, i) =>
      row.flatMap((verdict, j) => (verdict ? [`${pyYaml!.loaders[j]}: ${verdict}\n${JSON.stringify(values[i])}`] : [])),
    );
    expect(failures, `FLOWC_FUZZ_SEED=${seed}`).toEqual([]);
  });

  test.skipIf(!pyYaml)("lone surrogates, escaped, read back in PyYAML's SafeLoader (libyaml refuses them; no .flow file can hold one)", () => {
    const value = { a: '\ud800', b: 'x\udfffy', '\udbff': [1] };
    const [verdict] = readWithPyYaml({ ...pyYaml!, loaders: ['SafeLoader'] }, [[new YamlPrinter().print(value), JSON.stringify(value)]]);
    expect(verdict).toEqual([undefined]);
  });
});
