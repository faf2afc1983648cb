import fc from 'fast-check';

/**
 * The same program laid out at random, for the formatter's properties
 * (test/format/properties.test.ts, scripts/fuzz-fmt.js): runs of spaces between tokens,
 * comments and line breaks after the tokens a line break may follow inside a statement,
 * blank lines, comments on lines of their own and trailing comments between statements.
 * Whatever the layout does to the program's meaning, the formatter must keep.
 */

/** Tokens of one line of a generated program (strings, arrows, comparisons, words, symbols). */
const tokenPattern = /"(?:[^"\\\n]|\\.)*"|->|>=|<=|-?[A-Za-z0-9_.]+|\S/g;
/** After these, a line break continues the statement (grammar/lexer.ts `continuesAfter`). */
const continuing = new Set(['{', '[', '(', ',', '->', '=', ':', '|']);

const commentText = fc.constantFrom('#', '# a note', '#, -> { } "', '# x = 1', '#  spaced   ');

const gap = fc.oneof(
  { weight: 8, arbitrary: fc.constant(' ') },
  { weight: 2, arbitrary: fc.constantFrom('  ', '\t', '   ') },
  { weight: 1, arbitrary: commentText.map((c) => ` ${c}\n`) },
  { weight: 1, arbitrary: fc.constantFrom('\n', '\n\n  ') },
);

const between = fc.oneof(
  { weight: 6, arbitrary: fc.constant('\n') },
  { weight: 2, arbitrary: fc.constantFrom('\n\n', '\n\n\n', '\r\n') },
  { weight: 1, arbitrary: commentText.map((c) => `  ${c}\n`) },
  { weight: 1, arbitrary: commentText.map((c) => `\n${c}\n\n`) },
);

/** `program` with its layout varied: the gaps after continuing tokens and between lines drawn at random. */
export function relaidOut(program: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return program.chain((text) => {
    const lines = text.split('\n').map((l) => l.match(tokenPattern) ?? []);
    const gapCount = lines.reduce((n, tokens) => n + Math.max(0, tokens.length - 1), 0);
    return fc.tuple(fc.array(gap, { minLength: gapCount, maxLength: gapCount }), fc.array(between, { minLength: lines.length, maxLength: lines.length }), commentText).map(
      ([gaps, breaks, header]) => {
        let g = 0;
        const out = lines.map((tokens, k) => {
          const line = tokens
            .map((token, t) => {
              if (t === tokens.length - 1) return token;
              const chosen = gaps[g++] as string;
              return continuing.has(token) || chosen.trim() === '' && !chosen.includes('\n') ? token + chosen : `${token} `;
            })
            .join('');
          return line + (breaks[k] as string);
        });
        return `${header}\n${out.join('')}`;
      },
    );
  });
}

/** The comments of a .flow text, in order (a `#` in a string is not one). */
export function commentsOf(text: string): string[] {
  return [...text.matchAll(/"(?:[^"\\\n]|\\.)*"|#[^\n]*/g)].map((m) => m[0]).filter((m) => m.startsWith('#')).map((c) => c.trimEnd());
}
