import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  type Connection,
  CompletionItemKind,
  createConnection,
  InlayHintKind,
  type InitializeResult,
  ProposedFeatures,
  ResponseError,
  ErrorCodes,
  SymbolKind,
  TextDocumentSyncKind,
  TextDocuments,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit } from '../diagnostics/diagnostic.js';
import { actionsIn } from './actions.js';
import { Analysis } from './analysis.js';
import { type Completion, completionsAt } from './completion.js';
import { toLspDiagnostic } from './diagnostics.js';
import { formatEdits } from './format-adapter.js';
import { hoverAt } from './hover.js';
import { definitionAt, referencesAt, renameAt, renameTarget } from './navigation.js';
import { foldingRanges, inlayHints, outline, semanticTokens, tokenModifiers, tokenTypes } from './outline.js';
import { toOffset, toRange } from './positions.js';

/** How long typing may pause before the file is re-checked and its diagnostics published. */
const DIAGNOSTICS_DEBOUNCE_MS = 30;

/**
 * `flowc lsp`: the language server over stdio. Each open document keeps one `Analysis` per
 * version (the `flowc check` of its text, computed once, when diagnostics are due or a request
 * needs it); every request is answered from it, and a request that throws answers empty and
 * logs the error, so nothing reaches the client as an exception.
 */
export function runLsp(): Promise<number> {
  const connection = createConnection(ProposedFeatures.all, process.stdin, process.stdout);
  serve(connection);
  connection.listen();
  // The connection ends the process on `exit` (0 after `shutdown`, 1 without).
  return new Promise<number>(() => {});
}

function serve(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const analyses = new Map<string, { version: number; analysis: Analysis }>();
  const timers = new Map<string, NodeJS.Timeout>();

  const analysisOf = (uri: string): Analysis | undefined => {
    const document = documents.get(uri);
    if (document === undefined) return undefined;
    const cached = analyses.get(uri);
    if (cached !== undefined && cached.version === document.version) return cached.analysis;
    const analysis = new Analysis(pathOf(uri), document.getText());
    analyses.set(uri, { version: document.version, analysis });
    return analysis;
  };

  const guarded =
    <P, R>(name: string, fallback: R, handler: (params: P) => R) =>
    (params: P): R => {
      try {
        return handler(params);
      } catch (error) {
        if (error instanceof ResponseError) throw error;
        connection.console.error(`flowc lsp: internal error FL9002 in ${name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        return fallback;
      }
    };

  const publish = guarded('diagnostics', undefined, (uri: string) => {
    timers.delete(uri);
    const analysis = analysisOf(uri);
    if (analysis === undefined) return;
    const version = documents.get(uri)?.version;
    void connection.sendDiagnostics({ uri, ...(version === undefined ? {} : { version }), diagnostics: analysis.diagnostics.map((d) => toLspDiagnostic(d, uri)) });
  });

  documents.onDidOpen((event) => publish(event.document.uri));
  documents.onDidChangeContent((event) => {
    const uri = event.document.uri;
    clearTimeout(timers.get(uri));
    timers.set(uri, setTimeout(() => publish(uri), DIAGNOSTICS_DEBOUNCE_MS));
  });
  documents.onDidClose((event) => {
    clearTimeout(timers.get(event.document.uri));
    timers.delete(event.document.uri);
    analyses.delete(event.document.uri);
    void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
  });

  connection.onInitialize(
    (): InitializeResult => ({
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        completionProvider: { triggerCharacters: ['>', '=', '.', ' ', '{', ',', '[', ':', '('] },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        documentSymbolProvider: true,
        documentFormattingProvider: true,
        foldingRangeProvider: true,
        semanticTokensProvider: { legend: { tokenTypes: [...tokenTypes], tokenModifiers: [...tokenModifiers] }, full: true },
        inlayHintProvider: true,
      },
      serverInfo: { name: 'flowc', version: '0.1.0' },
    }),
  );

  const at = <T>(uri: string, position: { line: number; character: number }, answer: (analysis: Analysis, offset: number) => T, fallback: T): T => {
    const analysis = analysisOf(uri);
    if (analysis === undefined) return fallback;
    return answer(analysis, toOffset(analysis.result.source, position));
  };

  connection.onHover(
    guarded('hover', null, (params) =>
      at(params.textDocument.uri, params.position, (analysis, offset) => {
        const hover = hoverAt(analysis, offset);
        if (hover === undefined) return null;
        return { contents: { kind: 'markdown' as const, value: hover.markdown }, range: toRange(analysis.result.source, { start: hover.start, end: hover.end }) };
      }, null),
    ),
  );

  connection.onDefinition(
    guarded('definition', null, (params) =>
      at(params.textDocument.uri, params.position, (analysis, offset) => {
        const definition = definitionAt(analysis, offset);
        if (definition === undefined) return null;
        if (definition.kind === 'file') return { uri: pathToFileURL(definition.path).href, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
        return { uri: params.textDocument.uri, range: toRange(analysis.result.source, definition.span) };
      }, null),
    ),
  );

  connection.onReferences(
    guarded('references', [], (params) =>
      at(params.textDocument.uri, params.position, (analysis, offset) =>
        referencesAt(analysis, offset, params.context.includeDeclaration).map((o) => ({ uri: params.textDocument.uri, range: toRange(analysis.result.source, o.span) })),
      []),
    ),
  );

  connection.onPrepareRename(
    guarded('prepareRename', null, (params) =>
      at(params.textDocument.uri, params.position, (analysis, offset) => {
        const target = renameTarget(analysis, offset);
        return target === undefined ? null : { range: toRange(analysis.result.source, target.span), placeholder: target.text };
      }, null),
    ),
  );

  connection.onRenameRequest(
    guarded('rename', null, (params) =>
      at(params.textDocument.uri, params.position, (analysis, offset) => {
        const result = renameAt(analysis, offset, params.newName);
        if (!result.ok) throw new ResponseError(ErrorCodes.InvalidRequest, result.reason);
        return { changes: { [params.textDocument.uri]: lspEdits(analysis, result.edits) } };
      }, null),
    ),
  );

  connection.onCompletion(
    guarded('completion', [], (params) => at(params.textDocument.uri, params.position, (analysis, offset) => completionsAt(analysis, offset).map(toCompletionItem), [])),
  );

  connection.onCodeAction(
    guarded('codeAction', [], (params) => {
      const analysis = analysisOf(params.textDocument.uri);
      if (analysis === undefined) return [];
      const source = analysis.result.source;
      return actionsIn(analysis, toOffset(source, params.range.start), toOffset(source, params.range.end)).map((action) => ({
        title: action.title,
        kind: CodeActionKind.QuickFix,
        isPreferred: action.preferred,
        diagnostics: [toLspDiagnostic(action.diagnostic, params.textDocument.uri)],
        edit: { changes: { [params.textDocument.uri]: lspEdits(analysis, action.suggestion.edits) } },
      }));
    }),
  );

  connection.onDocumentSymbol(
    guarded('documentSymbol', [], (params) => {
      const analysis = analysisOf(params.textDocument.uri);
      if (analysis === undefined) return [];
      const source = analysis.result.source;
      return outline(analysis).map((entry) => ({
        name: entry.name,
        detail: entry.detail,
        kind: symbolKinds[entry.kind],
        range: toRange(source, entry.span),
        selectionRange: toRange(source, entry.nameSpan),
      }));
    }),
  );

  connection.onDocumentFormatting(
    guarded('formatting', [], (params) => {
      const analysis = analysisOf(params.textDocument.uri);
      return analysis === undefined ? [] : lspEdits(analysis, formatEdits(analysis.text));
    }),
  );

  connection.onFoldingRanges(guarded('foldingRanges', [], (params) => {
    const analysis = analysisOf(params.textDocument.uri);
    return analysis === undefined ? [] : foldingRanges(analysis);
  }));

  connection.languages.semanticTokens.on(
    guarded('semanticTokens', { data: [] }, (params) => {
      const analysis = analysisOf(params.textDocument.uri);
      return { data: analysis === undefined ? [] : semanticTokens(analysis) };
    }),
  );

  connection.languages.inlayHint.on(
    guarded('inlayHint', [], (params) => {
      const analysis = analysisOf(params.textDocument.uri);
      if (analysis === undefined) return [];
      const source = analysis.result.source;
      return inlayHints(analysis, toOffset(source, params.range.start), toOffset(source, params.range.end)).map((hint) => ({
        position: toRange(source, { start: hint.offset, end: hint.offset }).start,
        label: hint.label,
        kind: InlayHintKind.Type,
        paddingLeft: false,
      }));
    }),
  );

  documents.listen(connection);
}

const symbolKinds = {
  app: SymbolKind.Module,
  stage: SymbolKind.Namespace,
  type: SymbolKind.Struct,
  fn: SymbolKind.Function,
  queue: SymbolKind.Variable,
  topic: SymbolKind.Event,
  bus: SymbolKind.Event,
  stream: SymbolKind.Variable,
  table: SymbolKind.Variable,
  api: SymbolKind.Interface,
  bucket: SymbolKind.Variable,
  schedule: SymbolKind.Event,
} as const;

const completionKinds: Record<Completion['kind'], CompletionItemKind> = {
  keyword: CompletionItemKind.Keyword,
  declaration: CompletionItemKind.Variable,
  type: CompletionItemKind.Struct,
  setting: CompletionItemKind.Property,
  word: CompletionItemKind.EnumMember,
  field: CompletionItemKind.Field,
};

function toCompletionItem(completion: Completion) {
  return {
    label: completion.label,
    kind: completion.declarationKind === 'fn' ? CompletionItemKind.Function : completionKinds[completion.kind],
    ...(completion.detail === undefined ? {} : { detail: completion.detail }),
    ...(completion.documentation === undefined ? {} : { documentation: { kind: 'markdown' as const, value: completion.documentation } }),
  };
}

function lspEdits(analysis: Analysis, edits: readonly TextEdit[]) {
  return edits.map((e) => ({ range: toRange(analysis.result.source, e.span), newText: e.replacement }));
}

function pathOf(uri: string): string {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : uri;
  } catch {
    return uri;
  }
}
