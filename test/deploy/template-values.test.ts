import { parse } from 'yaml';
import { describe, expect, test } from 'vitest';
import { withValues } from '../../compiler/deploy/template.js';
import { emitCloudFormation } from '../../compiler/emit/cloudformation/index.js';
import { type YamlData, YamlPrinter } from '../../compiler/emit/cloudformation/serialize.js';
import { compileText } from '../../compiler/program.js';

/** `flowc package` and `deploy` set parameter values in the emitted root template: the YAML must stay as safe as emitted. */
describe('withValues on a YAML template', () => {
  const flow = 'app a\nfn worker { env { DEL = "a\\u{7f}b", LS = "a\\u{2028}b", NEL = "\\u{85}", TAB = "a\\tb", NO = "no" } }\n';
  const manifest = compileText('x\u2028y.flow', flow).manifest;
  if (!manifest) throw new Error('the flow does not compile');
  const yaml = emitCloudFormation(manifest, { format: 'yaml' }).files.get('template.yaml') as string;
  const json = emitCloudFormation(manifest, { format: 'json' }).files.get('template.json') as string;
  const edits = [
    { path: ['Parameters', 'FlowcAssetsBucket', 'Default'], value: 'yes' },
    { path: ['Parameters', 'WorkerFunctionCodeKey', 'Default'], value: 'a/b\x7f.zip' },
  ];

  test('is the emitted text with the values set, every scalar quoted and escaped as the emitter does it', () => {
    const edited = JSON.parse(withValues(json, edits)) as YamlData;
    const header = yaml.slice(0, yaml.indexOf('\n') + 1);
    expect(header).toContain('x\\u{2028}y.flow');
    expect(withValues(yaml, edits)).toBe(`${header}${new YamlPrinter().print(edited)}`);
    const text = withValues(yaml, edits);
    for (const line of ['DEL: "a\\x7fb"', 'LS: "a\\Lb"', 'NEL: "\\N"', 'TAB: "a\\tb"', '"NO": "no"', 'Default: "yes"', 'Default: "a/b\\x7f.zip"']) {
      expect(text).toContain(line);
    }
    expect(parse(text, { version: '1.1' })).toEqual(edited);
    expect(parse(text)).toEqual(edited);
  });

  test('a number keeps the point PyYAML needs before its exponent', () => {
    const text = withValues('# h\nA: 1.0e+21\n', [{ path: ['B'], value: 'v' }]);
    expect(text).toBe('# h\nA: 1.0e+21\nB: v\n');
  });
});
