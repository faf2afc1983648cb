// The VS Code client of `flowc lsp`: it finds flowc (server-path.ts), starts `flowc lsp` over
// standard input and output, and restarts it when `flowc.path` changes. Everything the editor
// shows (diagnostics, hover, completion, …) comes from the server; highlighting comes from
// the TextMate grammar (syntaxes/) and the server's semantic tokens.
import { accessSync, constants, statSync } from 'node:fs';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { findServer } from './server-path.js';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(
    vscode.commands.registerCommand('flowc.restartServer', () => restart()),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('flowc.path')) void restart();
    }),
    // Trusting the workspace makes its node_modules/.bin/flowc eligible.
    vscode.workspace.onDidGrantWorkspaceTrust(() => void restart()),
  );
  await start();
}

export async function deactivate(): Promise<void> {
  await stop();
}

async function restart(): Promise<void> {
  await stop();
  await start();
}

async function stop(): Promise<void> {
  const running = client;
  client = undefined;
  if (running !== undefined) await running.stop();
}

async function start(): Promise<void> {
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
  const server = findServer({
    configured: vscode.workspace.getConfiguration('flowc').get<string>('path'),
    workspaceFolders: folders,
    trusted: vscode.workspace.isTrusted,
    pathEnv: process.env['PATH'],
    platform: process.platform,
    isExecutable,
  });
  if (!server.found) {
    const choice = await vscode.window.showErrorMessage(server.message, 'Open Settings');
    if (choice !== undefined) await vscode.commands.executeCommand('workbench.action.openSettings', 'flowc.path');
    return;
  }
  const serverOptions: ServerOptions = {
    command: server.command,
    args: [...server.args],
    transport: TransportKind.stdio,
    options: { shell: server.shell, ...(folders[0] !== undefined ? { cwd: folders[0] } : {}) },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'flow' },
      { scheme: 'untitled', language: 'flow' },
    ],
    outputChannelName: 'flowc',
  };
  client = new LanguageClient('flowc', 'flowc language server', serverOptions, clientOptions);
  try {
    await client.start();
  } catch (error) {
    client = undefined;
    void vscode.window.showErrorMessage(`flowc language server (${server.command} lsp) did not start: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** A file the current user may run (on Windows, any file: there is no execute bit). */
function isExecutable(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    if (process.platform !== 'win32') accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
