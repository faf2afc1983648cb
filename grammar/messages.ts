import { EOF, type IRecognitionException, type IToken, type TokenType } from 'chevrotain';
import { type GrammarProblem, isName } from './lexer.js';
import { decodeSyntaxError, type FlowParser, type StatementRule } from './parser.js';
import { Arrow, Colon, declarationKeywords, Equals, LBrace, Newline, RAngle, StringLiteral } from './tokens.js';

/**
 * Words parse errors the way a person would say them, with the statement in view:
 * "expected `:`, `{` or a new line after the queue name, found `fifo`". Token-type names
 * never reach the user; each token type has a LABEL in `tokens.ts`.
 */

const keywordWords = declarationKeywords.map((k) => (k.LABEL ?? '').replaceAll('`', ''));

/** Words people type for a declaration keyword. */
const keywordAliases: Record<string, string> = {
  function: 'fn',
  func: 'fn',
  fun: 'fn',
  def: 'fn',
  lambda: 'fn',
  sqs: 'queue',
  sns: 'topic',
  kinesis: 'stream',
  dynamodb: 'table',
  s3: 'bucket',
  eventbridge: 'bus',
  cron: 'schedule',
  scheduler: 'schedule',
  event_bus: 'bus',
  apigateway: 'api',
  http_api: 'api',
  application: 'app',
  struct: 'type',
  interface: 'type',
  record: 'type',
};

const declarationNoun: Record<string, string> = {
  app: 'app',
  type: 'type',
  fn: 'function',
  queue: 'queue',
  topic: 'topic',
  bus: 'bus',
  stream: 'stream',
  table: 'table',
  api: 'api',
  bucket: 'bucket',
  schedule: 'schedule',
};

/**
 * Content assist replays the statement from its start, so each error would cost the length of
 * the statement before it; past this many tokens the parser's own expectations are used.
 */
const MAX_ASSIST_TOKENS = 2000;

export interface StatementContext {
  readonly rule: StatementRule;
  readonly tokens: readonly IToken[];
}

export function describeSyntaxError(
  parser: FlowParser,
  exception: IRecognitionException,
  statement: StatementContext,
): GrammarProblem {
  const special = describeStatementStart(statement);
  if (special) return special;
  const noOutput = describeMissingOutputType(statement, exception.token);
  if (noOutput) return noOutput;

  const data = decodeSyntaxError(exception.message);
  const tokens = statement.tokens;
  const found = exception.token;
  const foundIndex = indexOfToken(tokens, found);
  const previous = foundIndex > 0 ? tokens[foundIndex - 1] : foundIndex === -1 ? tokens[tokens.length - 1] : undefined;

  let expected: string[] = [...(data?.expected ?? [])];
  const precedingCount = foundIndex === -1 ? tokens.length : foundIndex;
  if ((data?.kind === 'not-all-input' || data?.kind === 'mismatch') && precedingCount <= MAX_ASSIST_TOKENS) {
    // Ask the grammar what could have come next, so optional parts are offered too.
    const preceding = foundIndex === -1 ? tokens : tokens.slice(0, foundIndex);
    expected = mergeLabels(expectedAfter(parser, statement.rule, preceding), expected);
  }
  if (data?.kind === 'not-all-input' && !expected.includes('a new line')) expected.push('a new line');
  expected = withoutContinuations(expected, previous);

  const where = afterWhat(statement, previous, foundIndex);
  const foundWords = describeFound(found);
  const start = foundIndex === -1 ? endOf(previous) : found.startOffset;
  const end = foundIndex === -1 ? start : found.startOffset + found.image.length;
  const help = hintFor(statement, previous, found, foundIndex);
  return {
    kind: 'syntax',
    start,
    end: Math.max(end, start),
    message: `expected ${orList(expected.length > 0 ? expected : ['something else'])}${where}, found ${foundWords}`,
    label: foundIndex === -1 ? 'the line ends here' : `unexpected ${foundWords}`,
    ...(help === undefined ? {} : { help }),
  };
}

/**
 * `fn work(Job) -> { timeout = 3s }`: the output type is missing, and the settings block reads
 * as a record type until its first `=`. Said as the missing type, not as a record's `?` or `:`.
 */
function describeMissingOutputType(statement: StatementContext, found: IToken): GrammarProblem | undefined {
  if (statement.rule !== 'fnDecl' || found.tokenType !== Equals) return undefined;
  const tokens = statement.tokens;
  const arrow = tokens.findIndex((token) => token.tokenType === Arrow);
  const foundIndex = indexOfToken(tokens, found);
  if (arrow === -1 || tokens[arrow + 1]?.tokenType !== LBrace || foundIndex !== arrow + 3 || !isName(tokens[arrow + 2]!)) return undefined;
  const head = tokens.slice(0, arrow).map((t) => t.image).join(' ').replace(/ ?([()]) ?/g, '$1');
  const arrowToken = tokens[arrow]!;
  return {
    kind: 'syntax',
    start: arrowToken.startOffset,
    end: arrowToken.startOffset + arrowToken.image.length,
    message: `expected the output type after \`->\`, found a settings block`,
    label: 'no output type after this',
    help: `name the output type before the settings (\`${head} -> Result { ${tokens[arrow + 2]!.image} = … }\`), or drop \`->\` if the function returns nothing`,
  };
}

/** Statements that cannot even start: a mistyped keyword, a stray block or bracket. */
function describeStatementStart(statement: StatementContext): GrammarProblem | undefined {
  const [first, second] = statement.tokens;
  if (first === undefined) return undefined;
  if (statement.rule === 'chain' && isName(first) && second !== undefined && isName(second)) {
    const word = first.image;
    const suggestion = keywordAliases[word.toLowerCase()] ?? closestKeyword(word);
    return {
      kind: 'syntax',
      start: first.startOffset,
      end: first.startOffset + word.length,
      message: `\`${word}\` is not a declaration keyword`,
      label: 'a line starts with a declaration keyword or an edge',
      help:
        suggestion === undefined
          ? `declarations start with ${orList(keywordWords.map((k) => `\`${k}\``))}; edges are written \`a -> b\``
          : `did you mean \`${suggestion} ${second.image}\`?`,
    };
  }
  if (first.tokenType === LBrace) {
    return {
      kind: 'syntax',
      start: first.startOffset,
      end: first.startOffset + 1,
      message: 'a settings block cannot start a line',
      label: 'this block belongs to nothing',
      help: 'start the block on the same line as the declaration or edge target it configures: `queue q {`',
    };
  }
  if (!isName(first)) {
    return {
      kind: 'syntax',
      start: first.startOffset,
      end: first.startOffset + Math.max(1, first.image.length),
      message: `expected a declaration or an edge at the start of the line, found ${describeFound(first)}`,
      label: 'a line cannot start with this',
      help: `declarations start with ${orList(keywordWords.map((k) => `\`${k}\``))}; edges are written \`a -> b\``,
    };
  }
  return undefined;
}

/** The keyword closest to a word, also through the words people use for it (`funtion` → `fn`). */
function closestKeyword(word: string): string | undefined {
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = 3;
  const candidates: [string, string][] = [...keywordWords.map((k): [string, string] => [k, k]), ...Object.entries(keywordAliases)];
  for (const [spelling, keyword] of candidates) {
    const distance = levenshtein(lower, spelling);
    if (distance < bestDistance && distance <= Math.max(1, Math.floor(spelling.length / 3))) {
      best = keyword;
      bestDistance = distance;
    }
  }
  return best;
}

function levenshtein(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1)));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

function expectedAfter(parser: FlowParser, rule: StatementRule, preceding: readonly IToken[]): string[] {
  try {
    const paths = parser.computeContentAssist(rule, preceding as IToken[]);
    const labels: string[] = [];
    for (const path of paths) {
      const label = labelOf(path.nextTokenType);
      if (!labels.includes(label)) labels.push(label);
    }
    return labels;
  } catch {
    return [];
  }
}

function labelOf(type: TokenType): string {
  // A statement ends at the end of its line, so the parser's end of input is a line break.
  if (type === EOF) return 'a new line';
  return type.LABEL ?? type.name;
}

/**
 * After a name or a type, a longer path (`.`), an operator's arguments (`(`), an array suffix
 * (`[`), a union (`|`) or a type argument (`<`) is always possible; offering them in every
 * message hides the likely fix, so they are said only when nothing else would be.
 */
function withoutContinuations(expected: string[], previous: IToken | undefined): string[] {
  const noise = new Set(['`.`', '`<`']);
  if (previous !== undefined && isName(previous)) noise.add('`(`');
  if (previous !== undefined && (isName(previous) || previous.tokenType === StringLiteral || previous.image === ']')) {
    noise.add('`[`');
    noise.add('`|`');
  }
  const kept = expected.filter((label) => !noise.has(label));
  return kept.length > 0 ? kept : expected;
}

function mergeLabels(first: readonly string[], second: readonly string[]): string[] {
  const out = [...first];
  for (const label of second) if (!out.includes(label)) out.push(label);
  // Names are the most open-ended expectation: say it last.
  out.sort((a, b) => Number(a === 'a name') - Number(b === 'a name'));
  return out;
}

function afterWhat(statement: StatementContext, previous: IToken | undefined, foundIndex: number): string {
  if (previous === undefined) return ' at the start of the line';
  const keyword = statement.tokens[0]?.image ?? '';
  const noun = declarationNoun[keyword];
  if (statement.rule !== 'chain' && noun !== undefined && previous === statement.tokens[1] && foundIndex !== 1) {
    return ` after the ${noun} name`;
  }
  return ` after ${describeToken(previous)}`;
}

function hintFor(statement: StatementContext, previous: IToken | undefined, found: IToken, foundIndex: number): string | undefined {
  const keyword = statement.tokens[0]?.image;
  if (statement.rule === 'fnDecl' && found.tokenType === Colon) {
    return 'a function\'s output type follows `->`: `fn charge(Order) -> Receipt`';
  }
  if (statement.rule === 'chain' && found.tokenType === Equals && statement.tokens[foundIndex + 1]?.tokenType === RAngle) {
    return 'write an edge as `a -> b`';
  }
  if (previous?.tokenType === Arrow && foundIndex === -1) {
    if (statement.rule === 'fnDecl') return 'a function\'s output type follows `->`: `fn charge(Order) -> Receipt`; drop `->` if it returns nothing';
    return 'an edge needs a target after `->`';
  }
  const next = statement.tokens[foundIndex + 1];
  if (keyword !== undefined && (statement.rule === 'resourceDecl' || statement.rule === 'fnDecl') && isName(found) && next?.tokenType === Equals) {
    const head = statement.tokens.slice(0, foundIndex).map((t) => t.image).join(' ').replace(' :', ':').replace(/ ([()]) ?/g, '$1');
    return `settings go in braces: \`${head} { ${found.image} = … }\``;
  }
  if (found.tokenType === StringLiteral && statement.rule === 'typeDecl') {
    return 'a union of strings is written `"a" | "b"`';
  }
  return undefined;
}

/** The index of `token` in the statement, by offset (tokens are in offset order); -1 for a token recovery made up. */
function indexOfToken(tokens: readonly IToken[], token: IToken): number {
  if (Number.isNaN(token.startOffset)) return -1;
  let low = 0;
  let high = tokens.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const candidate = tokens[mid] as IToken;
    if (candidate === token || candidate.startOffset === token.startOffset) return mid;
    if (candidate.startOffset < token.startOffset) low = mid + 1;
    else high = mid - 1;
  }
  return -1;
}

function endOf(token: IToken | undefined): number {
  return token === undefined ? 0 : token.startOffset + token.image.length;
}

function describeFound(token: IToken): string {
  if (Number.isNaN(token.startOffset) || token.image === '') return 'the end of the line';
  if (token.tokenType === Newline) return 'a new line';
  return describeToken(token);
}

function describeToken(token: IToken): string {
  if (token.tokenType === Newline) return 'a new line';
  if (token.tokenType === StringLiteral) return token.image.length > 24 ? 'a string' : token.image.replaceAll('`', "'");
  const image = token.image.length > 24 ? `${token.image.slice(0, 21)}...` : token.image;
  return `\`${image}\``;
}

function orList(words: readonly string[]): string {
  if (words.length <= 1) return words[0] ?? '';
  return `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}
