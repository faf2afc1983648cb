import type { TextEdit } from '../diagnostics/diagnostic.js';
import type { SourceFile } from '../source/source-file.js';
import { span } from '../source/span.js';
import type { FnDecl, ResourceDecl, Setting, SettingsBlock } from './ast.js';

/**
 * The edit that adds `entry` (`fifo = true`) to a declaration's settings, in the block's own
 * layout: a line of its own in a block written over several lines, `a, b` on one line, and a
 * new `{ … }` when there is no block.
 */
export function addSettingEdit(source: SourceFile, decl: FnDecl | ResourceDecl, entry: string): TextEdit {
  const block = decl.settings;
  if (block === undefined) return { span: span(decl.span.end, decl.span.end), replacement: ` { ${entry} }` };
  const first = block.entries[0];
  if (first === undefined) return { span: block.span, replacement: `{ ${entry} }` };
  const gap = source.text.slice(block.span.start + 1, first.span.start);
  const newline = gap.lastIndexOf('\n');
  if (newline >= 0) {
    const indent = gap.slice(newline + 1);
    return { span: span(first.span.start, first.span.start), replacement: `${entry}\n${indent}` };
  }
  return { span: span(first.span.start, first.span.start), replacement: `${entry}, ` };
}

/**
 * Which of `blocks` holds `setting`: a declaration's own block, or the block of a stage that
 * overrides it (`stage prod { charge { … } }`), so an edit removes the entry where it is.
 */
export function blockHolding(setting: Setting, blocks: readonly (SettingsBlock | undefined)[]): SettingsBlock | undefined {
  return blocks.find((block) => block?.entries.includes(setting));
}

/** The edit that removes one entry of a block, with its separator, so the block stays well formed. */
export function removeSettingEdit(source: SourceFile, block: SettingsBlock, setting: Setting): TextEdit {
  const index = block.entries.indexOf(setting);
  const next = block.entries[index + 1];
  if (next !== undefined) return { span: span(setting.span.start, next.span.start), replacement: '' };
  const previous = block.entries[index - 1];
  if (previous !== undefined) return { span: span(previous.span.end, setting.span.end), replacement: '' };
  // The only entry: the block goes too.
  let start = block.span.start;
  while (start > 0 && source.text[start - 1] === ' ') start--;
  return { span: span(start, block.span.end), replacement: '' };
}
