import { CstParser, EOF, type CstNode, type IParserErrorMessageProvider, type IToken, type TokenType } from 'chevrotain';
import {
  allTokens,
  App,
  Arrow,
  Api,
  Bucket,
  Bus,
  Colon,
  Comma,
  Dot,
  Duration,
  Equals,
  Fn,
  GreaterEquals,
  LAngle,
  LBrace,
  LBracket,
  LessEquals,
  LParen,
  Name,
  Newline,
  NumberLiteral,
  Pipe,
  Question,
  Queue,
  RAngle,
  RBrace,
  RBracket,
  RParen,
  Stage,
  Stream,
  StringLiteral,
  Table,
  Schedule,
  Topic,
  Type,
} from './tokens.js';

/**
 * What a parse error expected, kept as data so that `messages.ts` can word it with the whole
 * statement in view. Chevrotain only hands the expected token types to the message provider,
 * so the provider serializes them into the exception's message and `decodeSyntaxError` reads
 * them back.
 */
export interface SyntaxErrorData {
  readonly kind: 'mismatch' | 'no-alternative' | 'early-exit' | 'not-all-input';
  readonly ruleName: string;
  /** Labels of the tokens that would have been accepted, in grammar order, without duplicates. */
  readonly expected: readonly string[];
}

function labelOf(type: TokenType): string {
  if (type === EOF) return 'a new line';
  return type.LABEL ?? type.name;
}

function firstTokens(paths: readonly (readonly TokenType[])[]): string[] {
  const labels: string[] = [];
  for (const path of paths) {
    const first = path[0];
    if (first && !labels.includes(labelOf(first))) labels.push(labelOf(first));
  }
  return labels;
}

/**
 * Errors Chevrotain may raise in one statement before it is abandoned. Recovery goes on to the
 * end of the statement and each error costs a look at the grammar, so a long statement of
 * noise would cost that many times its length; past this many errors it is noise.
 */
export const MAX_STATEMENT_ERRORS = 100;

/** Thrown by the message provider to stop a statement's parse after MAX_STATEMENT_ERRORS. */
export class StatementAbandoned extends Error {}

let errorsInStatement = 0;

/** Called before each statement is parsed. */
export function resetStatementErrors(): void {
  errorsInStatement = 0;
}

const encode = (data: SyntaxErrorData): string => {
  // Not a RecognitionException, so Chevrotain does not recover from it: the parse ends.
  if (++errorsInStatement > MAX_STATEMENT_ERRORS) throw new StatementAbandoned('too many errors in one statement');
  return JSON.stringify(data);
};

const structuredMessages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage: ({ expected, ruleName }) =>
    encode({ kind: 'mismatch', ruleName, expected: [labelOf(expected)] }),
  buildNotAllInputParsedMessage: ({ ruleName }) => encode({ kind: 'not-all-input', ruleName, expected: [] }),
  buildNoViableAltMessage: ({ expectedPathsPerAlt, ruleName }) =>
    encode({ kind: 'no-alternative', ruleName, expected: firstTokens(expectedPathsPerAlt.flat()) }),
  buildEarlyExitMessage: ({ expectedIterationPaths, ruleName }) =>
    encode({ kind: 'early-exit', ruleName, expected: firstTokens(expectedIterationPaths) }),
};

export function decodeSyntaxError(message: string): SyntaxErrorData | undefined {
  try {
    const data = JSON.parse(message) as SyntaxErrorData;
    return typeof data.kind === 'string' ? data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The .flow grammar (EBNF in docs/language.md). The parser is invoked once per statement:
 * `lexer.ts` splits the token stream at top-level line breaks, so one broken statement never
 * hides the errors of the next, and the statement kind is chosen from its first two tokens,
 * which keeps every rule LL(1) except `primaryType`.
 */
export class FlowParser extends CstParser {
  constructor(options: { skipValidations?: boolean } = {}) {
    super(allTokens as TokenType[], {
      recoveryEnabled: true,
      maxLookahead: 2,
      // Each CST node records its first and last offsets as it is built: spans without a walk.
      nodeLocationTracking: 'onlyOffset',
      errorMessageProvider: structuredMessages,
      skipValidations: options.skipValidations ?? false,
    });
    this.performSelfAnalysis();
  }

  /** app NAME settings? */
  readonly appDecl = this.RULE('appDecl', () => {
    this.CONSUME(App);
    this.CONSUME(Name);
    this.OPTION(() => this.SUBRULE(this.settingsBlock));
  });

  /** stage NAME settings? — the settings of one stage (`--stage NAME`) */
  readonly stageDecl = this.RULE('stageDecl', () => {
    this.CONSUME(Stage);
    this.CONSUME(Name);
    this.OPTION(() => this.SUBRULE(this.settingsBlock));
  });

  /** type NAME = typeExpr */
  readonly typeDecl = this.RULE('typeDecl', () => {
    this.CONSUME(Type);
    this.CONSUME(Name);
    this.CONSUME(Equals);
    this.SUBRULE(this.typeExpr);
  });

  /** fn NAME ( "(" typeExpr ")" )? ( "->" typeExpr )? settings? */
  readonly fnDecl = this.RULE('fnDecl', () => {
    this.CONSUME(Fn);
    this.CONSUME(Name);
    this.OPTION(() => {
      this.CONSUME(LParen);
      this.SUBRULE(this.typeExpr, { LABEL: 'input' });
      this.CONSUME(RParen);
    });
    this.OPTION2(() => {
      this.CONSUME(Arrow);
      this.SUBRULE2(this.typeExpr, { LABEL: 'output' });
    });
    this.OPTION3(() => this.SUBRULE(this.settingsBlock));
  });

  /** (queue | topic | bus | stream | table | api | bucket | schedule) NAME ( ":" typeExpr )? settings? */
  readonly resourceDecl = this.RULE('resourceDecl', () => {
    this.OR([
      { ALT: () => this.CONSUME(Queue) },
      { ALT: () => this.CONSUME(Topic) },
      { ALT: () => this.CONSUME(Bus) },
      { ALT: () => this.CONSUME(Stream) },
      { ALT: () => this.CONSUME(Table) },
      { ALT: () => this.CONSUME(Api) },
      { ALT: () => this.CONSUME(Bucket) },
      { ALT: () => this.CONSUME(Schedule) },
    ]);
    this.CONSUME(Name);
    this.OPTION(() => {
      this.CONSUME(Colon);
      this.SUBRULE(this.typeExpr);
    });
    this.OPTION2(() => this.SUBRULE(this.settingsBlock));
  });

  /** endpoint ( "->" endpoint settings? )+ */
  readonly chain = this.RULE('chain', () => {
    this.SUBRULE(this.endpoint);
    this.AT_LEAST_ONE(() => {
      this.CONSUME(Arrow);
      this.SUBRULE2(this.endpoint);
      this.OPTION(() => this.SUBRULE(this.settingsBlock));
    });
  });

  /** NAME ( "." NAME )? — a declaration, or a function's port such as `charge.failure` */
  readonly endpoint = this.RULE('endpoint', () => {
    this.CONSUME(Name);
    this.OPTION(() => {
      this.CONSUME(Dot);
      this.CONSUME2(Name);
    });
  });

  /** "{" ( setting ( ("," | newline) setting? )* )? "}" */
  readonly settingsBlock = this.RULE('settingsBlock', () => {
    this.CONSUME(LBrace);
    this.OPTION(() => {
      this.SUBRULE(this.setting);
      this.MANY(() => {
        this.OR([{ ALT: () => this.CONSUME(Comma) }, { ALT: () => this.CONSUME(Newline) }]);
        this.OPTION2(() => this.SUBRULE2(this.setting));
      });
    });
    this.CONSUME(RBrace);
  });

  /**
   * (NAME | string) "=" value | NAME settings | NAME arguments. The last is an operator written as an
   * entry of a pattern block, such as `any_of({ … }, { … })`.
   */
  readonly setting = this.RULE('setting', () => {
    // A quoted name is a key that is not a name, such as the tag key `"cost-center"`; resolve
    // allows it only in a block of keys (FL2021).
    this.OR2([{ ALT: () => this.CONSUME(Name) }, { ALT: () => this.CONSUME(StringLiteral) }]);
    this.OR([
      {
        ALT: () => {
          this.CONSUME(Equals);
          this.SUBRULE(this.value);
        },
      },
      { ALT: () => this.SUBRULE(this.settingsBlock) },
      { ALT: () => this.SUBRULE(this.arguments) },
    ]);
  });

  /** string | number | duration | path | list | settings */
  readonly value = this.RULE('value', () => {
    this.OR([
      { ALT: () => this.CONSUME(StringLiteral) },
      { ALT: () => this.CONSUME(NumberLiteral) },
      { ALT: () => this.CONSUME(Duration) },
      { ALT: () => this.SUBRULE(this.path) },
      { ALT: () => this.SUBRULE(this.list) },
      { ALT: () => this.SUBRULE(this.settingsBlock) },
    ]);
  });

  /** NAME ( "." NAME )* arguments? — with arguments, an operator call such as `prefix("us-")` */
  readonly path = this.RULE('path', () => {
    this.CONSUME(Name);
    this.MANY(() => {
      this.CONSUME(Dot);
      this.CONSUME2(Name);
    });
    this.OPTION(() => this.SUBRULE(this.arguments));
  });

  /** "(" ( argument ( ("," | newline) argument? )* )? ")" */
  readonly arguments = this.RULE('arguments', () => {
    this.CONSUME(LParen);
    this.OPTION(() => {
      this.SUBRULE(this.argument);
      this.MANY(() => {
        this.OR([{ ALT: () => this.CONSUME(Comma) }, { ALT: () => this.CONSUME(Newline) }]);
        this.OPTION2(() => this.SUBRULE2(this.argument));
      });
    });
    this.CONSUME(RParen);
  });

  /** comparison | value */
  readonly argument = this.RULE('argument', () => {
    this.OR([{ ALT: () => this.SUBRULE(this.comparison) }, { ALT: () => this.SUBRULE(this.value) }]);
  });

  /** ( ">" | ">=" | "<" | "<=" | "=" ) NUMBER: a bound of `numeric(…)` */
  readonly comparison = this.RULE('comparison', () => {
    this.OR([
      { ALT: () => this.CONSUME(RAngle) },
      { ALT: () => this.CONSUME(GreaterEquals) },
      { ALT: () => this.CONSUME(LAngle) },
      { ALT: () => this.CONSUME(LessEquals) },
      { ALT: () => this.CONSUME(Equals) },
    ]);
    this.CONSUME(NumberLiteral);
  });

  /** "[" ( value ( ("," | newline) value? )* )? "]" */
  readonly list = this.RULE('list', () => {
    this.CONSUME(LBracket);
    this.OPTION(() => {
      this.SUBRULE(this.value);
      this.MANY(() => {
        this.OR([{ ALT: () => this.CONSUME(Comma) }, { ALT: () => this.CONSUME(Newline) }]);
        this.OPTION2(() => this.SUBRULE2(this.value));
      });
    });
    this.CONSUME(RBracket);
  });

  /** "|"? unionMember ( "|" unionMember )* */
  readonly typeExpr = this.RULE('typeExpr', () => {
    this.OPTION(() => this.CONSUME(Pipe));
    this.SUBRULE(this.unionMember);
    this.MANY(() => {
      this.CONSUME2(Pipe);
      this.SUBRULE2(this.unionMember);
    });
  });

  /** primaryType ( "[" "]" )* */
  readonly unionMember = this.RULE('unionMember', () => {
    this.SUBRULE(this.primaryType);
    this.MANY(() => {
      this.CONSUME(LBracket);
      this.CONSUME(RBracket);
    });
  });

  /** NAME ( "<" NAME ">" )? | string | record | "(" typeExpr ")" */
  readonly primaryType = this.RULE('primaryType', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(Name);
          this.OPTION(() => {
            this.CONSUME(LAngle);
            this.CONSUME2(Name);
            this.CONSUME(RAngle);
          });
        },
      },
      { ALT: () => this.CONSUME(StringLiteral) },
      { ALT: () => this.SUBRULE(this.recordType) },
      {
        ALT: () => {
          this.CONSUME(LParen);
          this.SUBRULE(this.typeExpr);
          this.CONSUME(RParen);
        },
      },
    ]);
  });

  /** "{" ( field ( ("," | newline) field? )* )? "}" */
  readonly recordType = this.RULE('recordType', () => {
    this.CONSUME(LBrace);
    this.OPTION(() => {
      this.SUBRULE(this.field);
      this.MANY(() => {
        this.OR([{ ALT: () => this.CONSUME(Comma) }, { ALT: () => this.CONSUME(Newline) }]);
        this.OPTION2(() => this.SUBRULE2(this.field));
      });
    });
    this.CONSUME(RBrace);
  });

  /** NAME "?"? ":" typeExpr */
  readonly field = this.RULE('field', () => {
    this.CONSUME(Name);
    this.OPTION(() => this.CONSUME(Question));
    this.CONSUME(Colon);
    this.SUBRULE(this.typeExpr);
  });
}

export type StatementRule = 'appDecl' | 'stageDecl' | 'typeDecl' | 'fnDecl' | 'resourceDecl' | 'chain';

export interface StatementCst {
  readonly rule: StatementRule;
  /** Absent for a statement that was too deeply nested to parse. */
  readonly cst: CstNode | undefined;
  readonly tokens: readonly IToken[];
}

export { Dot, Arrow, Newline };
