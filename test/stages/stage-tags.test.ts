// A stage's `tags` add to the app's (and an override's to the declaration's) key by key, as a
// declaration's own tags do over the app's: `stage prod { tags { env = "prod" } }` keeps `team`.
import { describe, expect, test } from 'vitest';
import { compileText } from '../../compiler/program.js';

const flow = `app shop { tags { team = "payments", env = "none" } }
type Order = { id: string }
topic placed: Order
fn charge(Order) { tags { tier = "1" } }
placed -> charge
stage dev {}
stage prod {
  tags { env = "prod" }
  charge { tags { tier = "0" } }
}
`;

describe('tags on a stage', () => {
  test('a stage\'s tags are merged key by key over the app\'s', () => {
    const { manifest, diagnostics } = compileText('shop.flow', flow, { stage: 'prod' });
    expect(diagnostics).toEqual([]);
    expect(manifest?.tags).toEqual({ env: 'prod', team: 'payments' });
  });

  test('an override\'s tags are merged over the declaration\'s, and those over the stage\'s app tags', () => {
    const { manifest } = compileText('shop.flow', flow, { stage: 'prod' });
    expect(manifest?.declarationTags?.charge).toEqual({ env: 'prod', team: 'payments', tier: '0' });
  });

  test('a stage without tags keeps the app\'s', () => {
    const { manifest } = compileText('shop.flow', flow, { stage: 'dev' });
    expect(manifest?.tags).toEqual({ env: 'none', team: 'payments' });
    expect(manifest?.declarationTags?.charge).toEqual({ env: 'none', team: 'payments', tier: '1' });
  });
});
