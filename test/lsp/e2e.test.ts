import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createMessageConnection, type MessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';

const repo = new URL('../../', import.meta.url).pathname;

const text = `app shop
type Order = { id: string, customer: { id: string }, total: number }
topic placed: Order
queue orders: Order { fifo = true, group = id }
queue dead { fifo = true }
fn charge(Order)
fn ship
placed -> charge
orders -> ship { batch = 5 }
`;

interface Published {
  uri: string;
  version?: number;
  diagnostics: { code: string; message: string; range: { start: { line: number; character: number } }; codeDescription?: { href: string } }[];
}

/** Drives `bin/flowc.js lsp` as an editor would, over its standard input and output. */
describe('flowc lsp over stdio', () => {
  let server: ChildProcess;
  let connection: MessageConnection;
  const published: Published[] = [];
  const waiters: { version: number; resolve: (p: Published) => void }[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'flowc-lsp-'));
  const file = join(dir, 'shop.flow');
  const uri = pathToFileURL(file).href;

  const diagnosticsOf = (version: number) =>
    new Promise<Published>((resolve) => {
      const found = published.find((p) => p.version === version);
      if (found) resolve(found);
      else waiters.push({ version, resolve });
    });

  beforeAll(async () => {
    writeFileSync(file, text);
    mkdirSync(join(dir, 'handlers'));
    writeFileSync(join(dir, 'handlers', 'charge.ts'), 'export const handler = async () => {};\n');
    server = spawn(process.execPath, [`${repo}bin/flowc.js`, 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    connection = createMessageConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
    connection.onNotification('textDocument/publishDiagnostics', (params: Published) => {
      published.push(params);
      for (const w of waiters.filter((w) => w.version === params.version)) w.resolve(params);
    });
    connection.listen();
    const init = await connection.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(dir).href, capabilities: {} });
    expect(init).toMatchObject({ capabilities: { hoverProvider: true, renameProvider: { prepareProvider: true } } });
    await connection.sendNotification('initialized', {});
  }, 30_000);

  afterAll(() => {
    connection?.dispose();
    server?.kill();
  });

  const position = (needle: string, nth = 0, delta = 0) => {
    let at = -1;
    for (let i = 0; i <= nth; i++) at = current.indexOf(needle, at + 1);
    const before = current.slice(0, at + delta).split('\n');
    return { line: before.length - 1, character: (before[before.length - 1] ?? '').length };
  };
  let current = text;

  test('open, edit and diagnostics, hover, definition, references, rename, completion, code action, formatting, shutdown', async () => {
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'flow', version: 1, text } });
    const opened = await diagnosticsOf(1);
    // `dead` is unused: the same warning as `flowc check`.
    expect(opened.diagnostics.map((d) => d.code)).toEqual(['FL5003']);

    // An edit that misspells a name: FL2001, linked to its page.
    current = text.replace('placed -> charge', 'placed -> chrage');
    const line = text.split('\n').findIndex((l) => l === 'placed -> charge');
    await connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line, character: 10 }, end: { line, character: 16 } }, text: 'chrage' }],
    });
    const edited = await diagnosticsOf(2);
    const unknown = edited.diagnostics.find((d) => d.code === 'FL2001');
    expect(unknown?.message).toContain('unknown name `chrage`');
    expect(unknown?.range.start).toEqual({ line, character: 10 });
    expect(unknown?.codeDescription?.href).toMatch(/docs\/diagnostics\/FL2001\.md$/);

    // Code action: the did-you-mean as an edit.
    const actions = await connection.sendRequest<{ title: string; isPreferred: boolean; edit: { changes: Record<string, { newText: string }[]> } }[]>(
      'textDocument/codeAction',
      { textDocument: { uri }, range: { start: { line, character: 11 }, end: { line, character: 11 } }, context: { diagnostics: [] } },
    );
    expect(actions[0]).toMatchObject({ title: 'replace with `charge`', isPreferred: true });
    expect(actions[0]?.edit.changes[uri]).toEqual([{ range: { start: { line, character: 10 }, end: { line, character: 16 } }, newText: 'charge' }]);

    // Back to the original text.
    current = text;
    await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text }] });
    expect((await diagnosticsOf(3)).diagnostics.map((d) => d.code)).toEqual(['FL5003']);

    const hover = await connection.sendRequest<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri }, position: position('ship', 0, 1) });
    expect(hover.contents.value).toContain('**function** `ship`');
    expect(hover.contents.value).toMatch(/input: `.*\(inferred\)/);
    expect(hover.contents.value).toContain('memoryMb');

    const definition = await connection.sendRequest<{ uri: string; range: { start: { line: number } } }>('textDocument/definition', {
      textDocument: { uri },
      position: position('Order', 1, 1),
    });
    expect(definition).toEqual({ uri, range: { start: { line: 1, character: 5 }, end: { line: 1, character: 10 } } });
    const handler = await connection.sendRequest<{ uri: string }>('textDocument/definition', { textDocument: { uri }, position: position('fn charge', 0, 4) });
    expect(handler.uri).toBe(pathToFileURL(join(dir, 'handlers', 'charge.ts')).href);

    const references = await connection.sendRequest<unknown[]>('textDocument/references', {
      textDocument: { uri },
      position: position('Order', 0, 1),
      context: { includeDeclaration: true },
    });
    // The declaration, `placed: Order`, `orders: Order` and `fn charge(Order)`.
    expect(references).toHaveLength(4);

    const rename = await connection.sendRequest<{ changes: Record<string, { newText: string }[]> }>('textDocument/rename', {
      textDocument: { uri },
      position: position('charge', 0, 1),
      newName: 'bill',
    });
    expect(rename.changes[uri]?.map((e) => e.newText)).toEqual(['bill', 'bill']);
    await expect(
      connection.sendRequest('textDocument/rename', { textDocument: { uri }, position: position('charge', 0, 1), newName: 'ship' }),
    ).rejects.toThrow(/already declared/);

    const completion = await connection.sendRequest<{ label: string }[]>('textDocument/completion', {
      textDocument: { uri },
      position: position('group = id', 0, 'group = '.length),
    });
    expect(completion.map((c) => c.label)).toEqual(expect.arrayContaining(['id', 'customer', 'customer.id']));

    // Formatting: the formatted file needs no edit; an unformatted one gets `flowc fmt`'s layout as one edit.
    expect(await connection.sendRequest('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } })).toEqual([]);
    const messy = text.replace('orders -> ship { batch = 5 }', 'orders->ship{batch=5}   # ship in fives');
    await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 4 }, contentChanges: [{ text: messy }] });
    await diagnosticsOf(4);
    const layout = await connection.sendRequest<{ range: unknown; newText: string }[]>('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
    const lines = messy.split('\n');
    expect(layout).toEqual([
      {
        range: { start: { line: 0, character: 0 }, end: { line: lines.length - 1, character: 0 } },
        newText: text.replace('orders -> ship { batch = 5 }', 'orders -> ship { batch = 5 }  # ship in fives'),
      },
    ]);

    // A half-written file: every request still answers, none with an error.
    const half = 'app shop\nqueue orders: Order { fifo = true, group = \nfn charge(Ord\nplaced -> \n';
    await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 5 }, contentChanges: [{ text: half }] });
    expect((await diagnosticsOf(5)).diagnostics.length).toBeGreaterThan(0);
    for (const [method, extra] of [
      ['textDocument/hover', {}],
      ['textDocument/completion', {}],
      ['textDocument/definition', {}],
      ['textDocument/references', { context: { includeDeclaration: true } }],
    ] as const) {
      for (let line = 0; line < 5; line++) {
        await connection.sendRequest(method, { textDocument: { uri }, position: { line, character: 12 }, ...extra });
      }
    }
    await connection.sendRequest('textDocument/semanticTokens/full', { textDocument: { uri } });
    await connection.sendRequest('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } } });

    // With syntax errors the formatter refuses, as `flowc fmt` does: no edits.
    const formatting = await connection.sendRequest<unknown[]>('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
    expect(formatting).toEqual([]);

    await connection.sendRequest('shutdown');
    const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));
    await connection.sendNotification('exit');
    expect(await exited).toBe(0);
  }, 60_000);
});
