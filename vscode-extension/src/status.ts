// The status bar item: the Go version that runs and the number of Go environment problems of the workspace
// folder of the active editor (the first folder when no editor is in one), from the server's `goenv/status`
// notification (goenv_lsp/lsp/features/status.py). The server sends it only to clients that announce
// `experimental.goenvStatus` (statusFeature below). A click opens the environment report.
//
// statusView is pure (no `vscode`) and exported for scripts/smoke.js.

import * as vscode from "vscode";
import type { ClientCapabilities, FeatureState, StaticFeature } from "vscode-languageclient/node";

export const STATUS_METHOD = "goenv/status";
export const STATUS_CAPABILITY = "goenvStatus";
export const STATUS_ITEM_ID = "goenv.status";

export type FolderState = "probing" | "ok" | "problems" | "no-go" | "error";
/** One workspace folder, as the server describes it. */
export interface FolderStatus {
  uri: string;
  state: FolderState;
  goVersion: string | null;
  goPath: string | null;
  /** Findings at warning or error severity (info findings are not problems). */
  problems: number;
  /** One line per problem code: "GE110 <the rule's title>". */
  summary: string[];
}
/** The language server's state: the item says so while it is not running. */
export type ServerState = "starting" | "running" | "stopped";

export interface StatusView {
  text: string;
  /** Markdown. */
  tooltip: string;
  background?: "warning" | "error";
}

const CLICK = "Click for the Go environment report.";

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

function code(text: string): string {
  return "`" + text.replace(/`/g, "'") + "`";
}

/** What the item shows for the server's state and the folder's status (undefined: none received yet). */
export function statusView(server: ServerState, folder: FolderStatus | undefined, folderName?: string): StatusView {
  if (server === "stopped") {
    return {
      text: "Go env: server not running",
      tooltip: "**goenv-lsp** is not running: its output channel says why. Run **goenv-lsp: Restart Server** to start it again.",
      background: "warning",
    };
  }
  if (server === "starting") {
    return { text: "$(loading~spin) Go env: starting", tooltip: "**goenv-lsp** is starting." };
  }
  const title = `**goenv-lsp**${folderName ? ` — ${folderName}` : ""}`;
  if (folder === undefined || folder.state === "probing") {
    return { text: "$(loading~spin) Go env: checking", tooltip: `${title}\n\nChecking the Go environment…` };
  }
  if (folder.state === "error") {
    return {
      text: "Go env: check failed",
      tooltip: `${title}\n\nChecking the Go environment failed: the goenv-lsp output channel says why.\n\n${CLICK}`,
      background: "error",
    };
  }
  const go = folder.goVersion ? `Go ${folder.goVersion}` : "Go";
  const runs = folder.goPath ? `${go} runs: ${code(folder.goPath)}` : "No `go` on PATH.";
  const problems =
    folder.problems === 0
      ? "No Go environment problems."
      : `${plural(folder.problems, "Go environment problem")}:\n\n` + folder.summary.map((line) => `- ${line}`).join("\n");
  const tooltip = `${title}\n\n${runs}\n\n${problems}\n\n${CLICK}`;
  if (folder.state === "no-go") {
    return { text: "Go: not found", tooltip, background: "error" };
  }
  if (folder.problems > 0) {
    return { text: `Go env: ${plural(folder.problems, "problem")}`, tooltip, background: "warning" };
  }
  return { text: `${go} ✓`, tooltip };
}

/** The notification's folders that have the expected shape. */
export function foldersOf(params: unknown): FolderStatus[] {
  const folders = (params as { folders?: unknown } | null)?.folders;
  if (!Array.isArray(folders)) {
    return [];
  }
  return folders.filter(
    (f): f is FolderStatus =>
      f !== null && typeof f === "object" && typeof f.uri === "string" && typeof f.state === "string" &&
      typeof f.problems === "number" && Array.isArray(f.summary),
  );
}

/** Announces `experimental.goenvStatus`: the server sends goenv/status only to clients that do. */
export const statusFeature: StaticFeature = {
  fillClientCapabilities(capabilities: ClientCapabilities): void {
    capabilities.experimental = { ...(capabilities.experimental as object | undefined), [STATUS_CAPABILITY]: true };
  },
  initialize(): void {},
  getState(): FeatureState {
    return { kind: "static" };
  },
  clear(): void {},
};

export class StatusItem implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly listeners: vscode.Disposable[];
  private server: ServerState = "starting";
  private folders = new Map<string, FolderStatus>(); // by the folder's URI as vscode.Uri spells it

  constructor(command: string) {
    this.item = vscode.window.createStatusBarItem(STATUS_ITEM_ID, vscode.StatusBarAlignment.Left, 10);
    this.item.name = "goenv-lsp: Go environment";
    this.item.command = command;
    this.listeners = [
      vscode.window.onDidChangeActiveTextEditor(() => this.render()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.render()),
    ];
    this.render();
    this.item.show();
  }

  setServerState(state: ServerState): void {
    this.server = state;
    if (state !== "running") {
      this.folders.clear();
    }
    this.render();
  }

  /** A goenv/status notification: it describes every folder. */
  update(params: unknown): void {
    this.folders = new Map(foldersOf(params).map((f) => [vscode.Uri.parse(f.uri).toString(), f]));
    this.render();
  }

  dispose(): void {
    this.listeners.forEach((listener) => listener.dispose());
    this.item.dispose();
  }

  /** The workspace folder of the active editor, else the first folder. */
  private folder(): vscode.WorkspaceFolder | undefined {
    const active = vscode.window.activeTextEditor?.document.uri;
    return (active && vscode.workspace.getWorkspaceFolder(active)) || vscode.workspace.workspaceFolders?.[0];
  }

  private render(): void {
    const folder = this.folder();
    const status = folder ? this.folders.get(folder.uri.toString()) : this.folders.values().next().value;
    const multiRoot = (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
    const view = statusView(this.server, status, multiRoot ? folder?.name : undefined);
    this.item.text = view.text;
    this.item.tooltip = new vscode.MarkdownString(view.tooltip);
    this.item.backgroundColor = view.background ? new vscode.ThemeColor(`statusBarItem.${view.background}Background`) : undefined;
  }
}
