import { parse } from 'yaml';
import { describe, expect, test } from 'vitest';
import { emitCloudFormation } from '../../compiler/emit/cloudformation/index.js';
import { commentText, GENERATED_MARKER, generatedHeader } from '../../compiler/emit/file-map.js';
import { manifestOf } from './cloudformation/helpers/compile.js';

describe('the generated header', () => {
  test('keeps a file name of printable characters as it is', () => {
    for (const name of ['shop.flow', 'my app (v2) #1.flow', 'café 日本 😀.flow', 'tab\there.flow', '\u00a0.flow', "it's \"x\".flow"]) {
      expect(commentText(name)).toBe(name);
      expect(generatedHeader(name, '#')).toBe(`# ${GENERATED_MARKER} ${name}. Do not edit: \`flowc build\` rewrites this file.\n`);
    }
  });

  test('escapes what would end the comment line in YAML 1.1, YAML 1.2 or JavaScript, or what YAML cannot hold raw', () => {
    expect(commentText('a\nb\rc\x85d\u2028e\u2029f.flow')).toBe('a\\u{A}b\\u{D}c\\u{85}d\\u{2028}e\\u{2029}f.flow');
    expect(commentText('\0\x07\x1b\x7f\x80\x9f\ufeff\ufffe\uffff\udfff\ud800')).toBe(
      '\\u{0}\\u{7}\\u{1B}\\u{7F}\\u{80}\\u{9F}\\u{FEFF}\\u{FFFE}\\u{FFFF}\\u{DFFF}\\u{D800}',
    );
    for (const comment of ['#', '//'] as const) {
      const header = generatedHeader('x\n# y\u2028z.flow', comment);
      expect(header.indexOf('\n')).toBe(header.length - 1);
      expect(header).toContain('x\\u{A}# y\\u{2028}z.flow');
    }
  });

  test('a file name with line breaks injects nothing into a YAML template', () => {
    const manifest = manifestOf('dir/x\nAWSTemplateFormatVersion: 1\r\n# \u2028Resources: {}\x85.flow', 'app a\nqueue q\n');
    const text = emitCloudFormation(manifest, { format: 'yaml' }).files.get('template.yaml') as string;
    const [header, second] = text.split('\n');
    expect(header).toBe(`# ${GENERATED_MARKER} x\\u{A}AWSTemplateFormatVersion: 1\\u{D}\\u{A}# \\u{2028}Resources: {}\\u{85}.flow. Do not edit: \`flowc build\` rewrites this file.`);
    expect(second).toBe('AWSTemplateFormatVersion: "2010-09-09"');
    const json = emitCloudFormation(manifest, { format: 'json' }).files.get('template.json') as string;
    expect(parse(text, { version: '1.1' })).toEqual(JSON.parse(json));
  });
});
