// The other message branches of FL4055–FL4058 (tags, SSM parameter and secret names), and the
// resolve-phase forms FL2010/FL2020/FL2021 of tags and env values.
import { describe, expect, test } from 'vitest';
import { secretName } from '../../compiler/check/rules/secret-name.js';
import { ssmParameterName } from '../../compiler/check/rules/ssm-parameter-name.js';
import { tagCount } from '../../compiler/check/rules/tag-count.js';
import { tagRules } from '../../compiler/check/rules/tag-rules.js';
import type { Diagnostic } from '../../compiler/diagnostics/diagnostic.js';
import { checkText } from '../../compiler/program.js';
import { expectDiagnostics } from '../helpers/expect-diagnostics.js';

const at = (d: Diagnostic) => {
  const { line, column } = d.source.position(d.primary.span.start);
  return `${line}:${column}`;
};
const codes = (text: string) => checkText('t.flow', text).diagnostics.map((d) => `${d.code} ${at(d)} ${d.message}`);

describe('FL4055: tag keys and values', () => {
  test('lengths, characters and a declaration\'s own tags; one diagnostic per tag', () => {
    const long = 'k'.repeat(129);
    expectDiagnostics(tagRules, `app shop { tags { "${long}" = "x", "" = "y", "a#b" = "z", ok = "${'v'.repeat(257)}", fine = "tab\\there" } }\nfn charge { tags { "team!" = "x" } }\n`, [
      { at: '2:20', message: 'the tag key `team!` has the character `!`, which AWS does not allow in tags' },
      { at: '1:19', message: 'the tag key is 129 characters long; AWS allows 128' },
      { at: '1:158', message: 'a tag key is empty' },
      { at: '1:168', message: 'the tag key `a#b` has the character `#`, which AWS does not allow in tags' },
      { at: '1:186', message: 'the value of the tag `ok` is 257 characters long; AWS allows 256' },
      { at: '1:454', message: 'the value of the tag `fine` has the character U+0009, which AWS does not allow in tags' },
    ]);
  });

  test('letters of any script, spaces, digits and `_ . : / = + - @` are allowed', () => {
    expectDiagnostics(tagRules, 'app shop { tags { "Équipe 1" = "paiements: a/b = c+d @x_y.z", "部署" = "決済" } }\nfn charge\n', []);
  });
});

describe('FL4056: 50 tags with the app\'s', () => {
  test('a declaration\'s own tags count with the app\'s; a key it shares replaces the app\'s', () => {
    const appTags = Array.from({ length: 48 }, (_, i) => `a${i} = "x"`).join(', ');
    expectDiagnostics(tagCount, `app shop { tags { ${appTags} } }\nfn charge { tags { a0 = "y", own1 = "x", own2 = "x" } }\nfn refund { tags { own1 = "x", own2 = "x", own3 = "x" } }\n`, [
      { at: '3:13', message: '`refund` has 51 tags with the app\'s; AWS allows 50 per resource', label: '3 of its own, 48 of the app\'s' },
    ]);
  });
});

describe('FL4057: SSM parameter names', () => {
  test('each problem once, with what to do', () => {
    expectDiagnostics(
      ssmParameterName,
      `app shop\nfn charge {\n  env { AA = ssm(""), BB = ssm("/db:3"), CC = ssm("/a b"), DD = ssm("/a//b"), EE = ssm("/aws/x"), FF = ssm("/${'x/'.repeat(16)}y"), GG = ssm("/ok/name.v1") }\n}\n`,
      [
        { at: '3:18', message: '`AA` reads the SSM parameter ``, a name Parameter Store refuses', label: 'an empty name' },
        { at: '3:32', message: /`BB` reads/, label: '`:` is not allowed', help: /flowc reads the latest version/ },
        { at: '3:51', message: /`CC` reads/, label: 'a space is not allowed' },
        { at: '3:69', message: /`DD` reads/, label: 'an empty level' },
        { at: '3:88', message: /`EE` reads/, label: 'starts with `aws`' },
        { at: '3:108', message: /`FF` reads/, label: '17 levels' },
      ],
    );
  });
});

describe('FL4058: secret names', () => {
  test('empty and too long', () => {
    expectDiagnostics(secretName, `app shop\nfn charge { env { AA = secret(""), BB = secret("${'s'.repeat(513)}"), CC = secret("shop/ok+=.@-_") } }\n`, [
      { at: '2:31', message: '`AA` reads the secret ``, a name Secrets Manager refuses', label: 'an empty name' },
      { at: '2:48', message: /`BB` reads the secret/, label: '513 characters' },
    ]);
  });
});

describe('the forms of tags and env values (resolve)', () => {
  test('a tag value that is not a string: FL2010 with the quoted value as a fix; a tag set twice: FL2009', () => {
    const result = checkText('t.flow', 'app shop { tags { cost = 42, team = "a", team = "b", on = true } }\nfn charge\n');
    expect(result.diagnostics.map((d) => `${d.code} ${at(d)} ${d.message}`)).toEqual([
      'FL2010 1:26 the value of the tag `cost` must be a string',
      'FL2009 1:42 the tag `team` is set twice',
      'FL2010 1:59 the value of the tag `on` must be a string',
    ]);
    expect(result.diagnostics[0]?.suggestions?.[0]?.edits[0]?.replacement).toBe('"42"');
  });

  test('ssm and secret take exactly one string (FL2020); a quoted variable is FL2021', () => {
    expect(codes('app shop\nfn charge { env { AA = ssm(), BB = ssm("/a", "/b"), CC = secret(name), "DD" = "x" } }\n')).toEqual([
      'FL2020 2:24 `ssm(…)` takes one string, the name of an SSM parameter',
      'FL2020 2:46 `ssm(…)` takes one string, the name of an SSM parameter',
      'FL2020 2:65 `secret(…)` takes one string, the name of a Secrets Manager secret',
      'FL2021 2:72 `"DD"` is quoted, and only the keys of `tags` are',
    ]);
  });

  test('a hyphen joins the words of a key only in a tags block', () => {
    expect(codes('app shop { tags { cost-center = "42" } }\nfn charge { env { my-var = "x" } }\n')).toEqual(['FL1003 2:21 unexpected `-`']);
  });
});
