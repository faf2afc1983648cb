// The language server on stage blocks: each stage in the outline, and hovers on the settings of
// a stage block as on those of the blocks they stand for (the app's, a declaration's).
import { describe, expect, test } from 'vitest';
import { Analysis } from '../../compiler/lsp/analysis.js';
import { hoverAt } from '../../compiler/lsp/hover.js';
import { outline } from '../../compiler/lsp/outline.js';

const text = `app shop
type Order = { id: string }
topic placed: Order
fn charge(Order)
placed -> charge
stage prod {
  region = "eu-west-1"
  memory = 1024
  charge { concurrency = 50 }
}
`;

describe('stage blocks in the language server', () => {
  const analysis = new Analysis('shop.flow', text);

  test('the outline lists the stage', () => {
    expect(outline(analysis).map((e) => `${e.kind} ${e.name}`)).toEqual(['app shop', 'type Order', 'topic placed', 'fn charge', 'stage prod']);
  });

  test('hovers: a deploy setting, an app setting, a declaration\'s setting', () => {
    const at = (word: string) => hoverAt(analysis, text.indexOf(word) + 1)?.markdown.split('\n')[0];
    expect(at('region')).toBe('**region** (stage setting)');
    expect(at('memory')).toBe('**memory** (app setting)');
    expect(at('concurrency')).toBe('**concurrency** (function setting)');
  });
});
