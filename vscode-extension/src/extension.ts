// VS Code client for goenv-lsp (`goenv-lsp --stdio`, a Python language server).
//
// Settings flow: the server reads `initializationOptions` ({ trusted, editorSettings }) and then pulls the
// `goenv` section with workspace/configuration. Both are built here: `trusted` is always VS Code's workspace
// trust and `editorSettings` always the *user-level* go.* settings, whatever a workspace's settings.json says,
// and the client-only keys (`goenv.server.*`, `goenv.trace.*`) never reach the server.
//
// Commands: goenv.refresh and goenv.report are the server's. languageclient registers a VS Code command for
// every command the server announces, so registering them here too would fail ("already exists"); their UI
// (the report preview, the problem count) lives in the executeCommand middleware instead. While no server
// runs, fallback registrations say why.
//
// The pure functions (serverOptionsFor, clientOptionsFor, serverSettingsFrom, findExecutable, …) and the
// `internals` seams are exported for scripts/smoke.js; scripts/e2e.js runs the bundle against the real server.
// Both load it with the stub `vscode` module of scripts/stub-vscode.js.

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as readline from "node:readline";
import type { Readable } from "node:stream";
import * as vscode from "vscode";
import {
  DidChangeConfigurationNotification,
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
  State,
  type StdioOptions,
  TransportKind,
} from "vscode-languageclient/node";

export const CLIENT_ID = "goenv"; // languageclient reads `${CLIENT_ID}.trace.server`
export const CLIENT_NAME = "goenv-lsp";
export const SECTION = "goenv";
export const COMMAND_REFRESH = "goenv.refresh"; // server commands (see goenv_lsp/lsp/convert.py) …
export const COMMAND_REPORT = "goenv.report";
export const COMMAND_RESTART = "goenv.restartServer"; // … and the extension's own
export const INSTALL_COMMAND = "pip install goenv-lsp";
export const REPORT_SCHEME = "goenv-lsp-report";
/** User-level VS Code Go settings the server cannot read itself. */
export const EDITOR_SETTINGS = ["go.goroot", "go.alternateTools", "go.toolsEnvVars", "go.gopath"] as const;
/** Keys of the `goenv` section that configure this client, not the server. */
const CLIENT_ONLY_KEYS = new Set(["server", "trace"]);
/** Keys the extension always sets itself: a workspace must not be able to claim trust or user settings. */
const EXTENSION_OWNED_KEYS = new Set(["trusted", "editorSettings"]);

export const DOCUMENT_SELECTOR = [
  { scheme: "file", language: "go" },
  { scheme: "file", language: "go.mod" },
  { scheme: "file", language: "go.work" },
  { scheme: "file", pattern: "**/.vscode/settings.json" },
  { scheme: "file", pattern: "**/.idea/workspace.xml" },
  { scheme: "file", pattern: "**/goenv-lsp.toml" },
];

type Json = Record<string, unknown>;

interface Inspectable {
  inspect<T>(key: string): { globalValue?: T } | undefined;
}

interface Gettable {
  get<T>(key: string, defaultValue: T): T;
}

/** What the client options need from the running editor (a fake in scripts/smoke.js). */
export interface Host {
  isTrusted(): boolean;
  /** The user-level go.* settings (see userGoSettings). */
  editorSettings(): Json;
  /** The whole `goenv` configuration section as VS Code resolves it. */
  section(): unknown;
  /** file:// URI of the active editor's document, if any: the report is for its workspace folder. */
  activeFileUri(): string | undefined;
  /** False until the client has started: the server pulls its settings itself right after `initialized`. */
  ready(): boolean;
  sendSettings(settings: Json): Promise<void>;
  showMarkdown(markdown: string): Promise<void>;
  showInfo(message: string): void;
  showError(message: string): void;
}

export interface ServerCommand {
  command: string;
  args: string[];
}

export function serverCommandFrom(config: Gettable): ServerCommand {
  const command = config.get<unknown>("server.command", "goenv-lsp");
  const args = config.get<unknown>("server.args", []);
  return {
    command: typeof command === "string" && command.trim() ? command.trim() : "goenv-lsp",
    args: Array.isArray(args) ? args.filter((a): a is string => typeof a === "string") : [],
  };
}

/** `<command> <args…> --stdio` (languageclient appends --stdio for the stdio transport). */
export function serverOptionsFor(command: string, args: readonly string[]): ServerOptions {
  return {
    run: { command, args: [...args], transport: TransportKind.stdio },
    debug: { command, args: [...args, "--log-level", "debug"], transport: TransportKind.stdio },
  };
}

/** The user-level (globalValue) values of EDITOR_SETTINGS that are set, keyed by their full names. */
export function userGoSettings(config: Inspectable): Json {
  const result: Json = {};
  for (const key of EDITOR_SETTINGS) {
    const value = config.inspect<unknown>(key)?.globalValue;
    if (value !== undefined && value !== null) {
      result[key] = value;
    }
  }
  return result;
}

export function initializationOptionsFor(isTrusted: boolean, editorSettings: Json): Json {
  return { trusted: isTrusted, editorSettings };
}

/** The `goenv` section as the server should see it. */
export function serverSettingsFrom(section: unknown, isTrusted: boolean, editorSettings: Json): Json {
  const settings: Json = {};
  if (section !== null && typeof section === "object" && !Array.isArray(section)) {
    for (const [key, value] of Object.entries(section as Json)) {
      if (!CLIENT_ONLY_KEYS.has(key) && !EXTENSION_OWNED_KEYS.has(key)) {
        settings[key] = value;
      }
    }
  }
  settings.trusted = isTrusted;
  settings.editorSettings = editorSettings;
  return settings;
}

type LogLevel = "trace" | "debug" | "info" | "warn" | "error";
const PYTHON_LEVELS: Record<string, LogLevel> = {
  DEBUG: "debug",
  INFO: "info",
  WARNING: "warn",
  ERROR: "error",
  CRITICAL: "error",
};
const SERVER_LOG_LINE = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} (DEBUG|INFO|WARNING|ERROR|CRITICAL) (.*)$/;

/**
 * The level and text of a line the server writes to stderr ("<asctime> <LEVEL> <logger>: <message>", see
 * goenv_lsp/lsp/server.py); other lines (a traceback's) keep the level of the line before. The log channel
 * adds its own timestamp. Without this, languageclient logs every stderr line as an error.
 */
export function parseServerLog(line: string, previous: LogLevel = "error"): [LogLevel, string] {
  const match = SERVER_LOG_LINE.exec(line);
  return match ? [PYTHON_LEVELS[match[1]], match[2]] : [previous, line];
}

const stdioOptions: Required<StdioOptions> = {
  stdout: (input: Readable, channel: vscode.LogOutputChannel) => {
    readline.createInterface({ input, crlfDelay: Infinity, terminal: false }).on("line", (line) => channel.info(line));
  },
  stderr: (input: Readable, channel: vscode.LogOutputChannel) => {
    let level: LogLevel = "error"; // what a server that dies before its logging is set up prints
    readline.createInterface({ input, crlfDelay: Infinity, terminal: false }).on("line", (line) => {
      const [parsed, text] = parseServerLog(line, level);
      level = parsed;
      channel[level](text);
    });
  },
};

export function clientOptionsFor(host: Host, outputChannel?: vscode.LogOutputChannel): LanguageClientOptions {
  return {
    documentSelector: DOCUMENT_SELECTOR,
    stdioOptions,
    initializationOptions: () => initializationOptionsFor(host.isTrusted(), host.editorSettings()),
    // Sends workspace/didChangeConfiguration when `goenv.*` changes; the server then pulls the section.
    synchronize: { configurationSection: SECTION },
    outputChannel,
    middleware: {
      workspace: {
        configuration: async (params, token, next) => {
          const result = await next(params, token);
          if (!Array.isArray(result)) {
            return result;
          }
          return result.map((value, index) =>
            params.items[index]?.section === SECTION
              ? serverSettingsFrom(value, host.isTrusted(), host.editorSettings())
              : value,
          );
        },
        didChangeConfiguration: async () => {
          if (!host.ready()) {
            return; // languageclient's push right after `initialized`: the server pulls the settings then anyway
          }
          await host.sendSettings({ [SECTION]: serverSettingsFrom(host.section(), host.isTrusted(), host.editorSettings()) });
        },
      },
      executeCommand: async (command, args, next) => {
        if (command !== COMMAND_REPORT && command !== COMMAND_REFRESH) {
          return next(command, args);
        }
        try {
          if (command === COMMAND_REPORT) {
            const active = host.activeFileUri();
            const markdown = await next(command, args.length === 0 && active ? [active] : args);
            if (typeof markdown === "string") {
              await host.showMarkdown(markdown);
            }
            return markdown;
          }
          const result = await next(command, args);
          const findings = (result as { findings?: unknown } | undefined)?.findings;
          if (typeof findings === "number") {
            host.showInfo(
              findings === 0
                ? "goenv-lsp: no Go environment problems found."
                : `goenv-lsp: ${findings} Go environment problem${findings === 1 ? "" : "s"} found (see the Problems view).`,
            );
          }
          return result;
        } catch (error) {
          host.showError(`goenv-lsp: ${command} failed: ${errorMessage(error)}`);
          return undefined;
        }
      },
    },
  };
}

/** The executable `command` names: a full path (`~` expanded) or a name looked up on PATH; else undefined. */
export function findExecutable(
  command: string,
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = os.homedir(),
): string | undefined {
  const windows = platform === "win32";
  const paths = windows ? path.win32 : path.posix;
  let name = command.trim();
  if (!name) {
    return undefined;
  }
  if (name === "~" || name.startsWith("~/") || (windows && name.startsWith("~\\"))) {
    name = paths.join(home, name.slice(1));
  }
  const extensions = windows
    ? ["", ...(env.PATHEXT ?? env.Pathext ?? ".COM;.EXE;.BAT;.CMD").split(";").filter(Boolean)]
    : [""];
  const hasDirectory = name.includes("/") || (windows && name.includes("\\"));
  const bases = hasDirectory
    ? [paths.resolve(name)]
    : (env.PATH ?? env.Path ?? "")
        .split(windows ? ";" : ":")
        .filter(Boolean)
        .map((dir) => paths.join(dir, name));
  for (const base of bases) {
    for (const extension of extensions) {
      if (isExecutableFile(base + extension, windows)) {
        return base + extension;
      }
    }
  }
  return undefined;
}

function isExecutableFile(file: string, windows: boolean): boolean {
  try {
    if (!fs.statSync(file).isFile()) {
      return false;
    }
    if (!windows) {
      fs.accessSync(file, fs.constants.X_OK);
    }
    return true;
  } catch {
    return false;
  }
}

export function notFoundMessage(command: string): string {
  const where = /[\\/]/.test(command) ? "" : " on PATH";
  return (
    `goenv-lsp: the language server "${command}" was not found${where}. ` +
    `Install it with "${INSTALL_COMMAND}" (or pipx) so that goenv-lsp is on PATH, ` +
    `or set "goenv.server.command" to the full path of the goenv-lsp executable.`
  );
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Seams for scripts/smoke.js. */
export const internals = {
  createClient: (id: string, name: string, serverOptions: ServerOptions, clientOptions: LanguageClientOptions) =>
    new LanguageClient(id, name, serverOptions, clientOptions) as ClientLike,
  findExecutable: (command: string) => findExecutable(command),
};

/** The part of LanguageClient the extension uses. */
export interface ClientLike {
  start(): Promise<void>;
  dispose(timeout?: number): Promise<void>;
  sendNotification(type: typeof DidChangeConfigurationNotification.type, params: { settings: Json }): Promise<void>;
  onDidChangeState: vscode.Event<{ oldState: State; newState: State }>;
}

class GoenvExtension implements vscode.Disposable {
  private client: ClientLike | undefined;
  private clientState: vscode.Disposable | undefined;
  private started = false;
  private disposed = false;
  private fallback: vscode.Disposable[] = [];
  private queue: Promise<void> = Promise.resolve();
  private sentEditorSettings = "{}";
  private readonly output: vscode.LogOutputChannel;
  private readonly reportUri = vscode.Uri.parse(`${REPORT_SCHEME}:/Go%20environment%20report.md`);
  private readonly reportChanged = new vscode.EventEmitter<vscode.Uri>();
  private report = "";
  private readonly host: Host;

  constructor(context: vscode.ExtensionContext) {
    this.output = vscode.window.createOutputChannel(CLIENT_NAME, { log: true });
    this.host = {
      isTrusted: () => vscode.workspace.isTrusted,
      editorSettings: () => userGoSettings(vscode.workspace.getConfiguration()),
      section: () => vscode.workspace.getConfiguration().get(SECTION),
      activeFileUri: () => {
        const uri = vscode.window.activeTextEditor?.document.uri;
        return uri?.scheme === "file" ? uri.toString() : undefined;
      },
      ready: () => this.started,
      sendSettings: async (settings) => {
        await this.client?.sendNotification(DidChangeConfigurationNotification.type, { settings });
      },
      showMarkdown: (markdown) => this.showReport(markdown),
      showInfo: (message) => void vscode.window.showInformationMessage(message),
      showError: (message) => void vscode.window.showErrorMessage(message),
    };
    context.subscriptions.push(
      this.output,
      this.reportChanged,
      vscode.workspace.registerTextDocumentContentProvider(REPORT_SCHEME, {
        onDidChange: this.reportChanged.event,
        provideTextDocumentContent: () => this.report,
      }),
      vscode.commands.registerCommand(COMMAND_RESTART, () => this.restart()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => void this.pushSettings()),
      vscode.workspace.onDidChangeConfiguration((event) => this.configurationChanged(event)),
    );
  }

  start(): Promise<void> {
    return this.serialized(() => this.startClient());
  }

  restart(): Promise<void> {
    return this.serialized(async () => {
      await this.stopClient();
      await this.startClient();
    });
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    this.disposeFallback();
    await this.serialized(() => this.stopClient());
  }

  private serialized(step: () => Promise<void>): Promise<void> {
    const next = this.queue.then(step, step);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async startClient(): Promise<void> {
    if (this.disposed) {
      return;
    }
    const { command, args } = serverCommandFrom(vscode.workspace.getConfiguration(SECTION));
    const executable = internals.findExecutable(command);
    if (executable === undefined) {
      this.output.error(notFoundMessage(command));
      this.registerFallback();
      void this.offerHelp(notFoundMessage(command));
      return;
    }
    this.disposeFallback(); // languageclient registers the server's commands, goenv.refresh and goenv.report among them
    this.sentEditorSettings = JSON.stringify(this.host.editorSettings());
    const client = internals.createClient(
      CLIENT_ID,
      CLIENT_NAME,
      serverOptionsFor(executable, args),
      clientOptionsFor(this.host, this.output),
    );
    this.client = client;
    this.started = false;
    this.clientState = client.onDidChangeState((event) => {
      if (client !== this.client) {
        return;
      }
      if (event.newState === State.Stopped) {
        this.started = false;
        this.registerFallback(); // e.g. the server crashed too often and languageclient gave up
      } else if (event.newState === State.Starting) {
        this.disposeFallback();
      }
    });
    try {
      await client.start();
      this.started = true;
    } catch (error) {
      this.output.error(`starting ${executable} failed: ${errorMessage(error)}`);
      await this.stopClient();
      this.registerFallback();
      void this.offerHelp(
        `goenv-lsp: the language server "${executable}" did not start: ${errorMessage(error)}. ` +
          `Check that it is goenv-lsp (${INSTALL_COMMAND}) or change "goenv.server.command"; details are in the goenv-lsp output.`,
      );
    }
  }

  private async stopClient(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.started = false;
    this.clientState?.dispose();
    this.clientState = undefined;
    if (client !== undefined) {
      try {
        await client.dispose();
      } catch (error) {
        this.output.warn(`stopping the language server: ${errorMessage(error)}`);
      }
    }
  }

  private async pushSettings(): Promise<void> {
    if (this.started) {
      const h = this.host;
      await h.sendSettings({ [SECTION]: serverSettingsFrom(h.section(), h.isTrusted(), h.editorSettings()) });
    }
  }

  private configurationChanged(event: vscode.ConfigurationChangeEvent): void {
    if (event.affectsConfiguration(`${SECTION}.server`)) {
      void this.restart();
    } else if (EDITOR_SETTINGS.some((key) => event.affectsConfiguration(key))) {
      // The server layers initializationOptions under the pulled settings, so a *removed* user setting would
      // survive a mere re-pull: start afresh with new initializationOptions instead.
      if (JSON.stringify(this.host.editorSettings()) !== this.sentEditorSettings) {
        void this.restart();
      }
    }
  }

  /** goenv.refresh / goenv.report while no server runs (languageclient registers them once one does). */
  private registerFallback(): void {
    if (this.disposed || this.fallback.length > 0) {
      return;
    }
    const notRunning = () =>
      void this.offerHelp(
        `goenv-lsp: the language server is not running. Install it with "${INSTALL_COMMAND}" or set "goenv.server.command", then restart it.`,
      );
    try {
      this.fallback = [
        vscode.commands.registerCommand(COMMAND_REFRESH, notRunning),
        vscode.commands.registerCommand(COMMAND_REPORT, notRunning),
      ];
    } catch (error) {
      this.output.warn(`registering fallback commands: ${errorMessage(error)}`);
    }
  }

  private disposeFallback(): void {
    for (const disposable of this.fallback) {
      disposable.dispose();
    }
    this.fallback = [];
  }

  private async offerHelp(message: string): Promise<void> {
    const openSettings = "Open Settings";
    const copy = "Copy Install Command";
    const restart = "Restart Server";
    const choice = await vscode.window.showErrorMessage(message, openSettings, copy, restart);
    if (choice === openSettings) {
      await vscode.commands.executeCommand("workbench.action.openSettings", `${SECTION}.server.command`);
    } else if (choice === copy) {
      await vscode.env.clipboard.writeText(INSTALL_COMMAND);
    } else if (choice === restart) {
      await this.restart();
    }
  }

  /** A read-only markdown document (no "save?" prompt), shown as a preview when the markdown extension is on. */
  private async showReport(markdown: string): Promise<void> {
    this.report = markdown;
    this.reportChanged.fire(this.reportUri);
    try {
      await vscode.commands.executeCommand("markdown.showPreview", this.reportUri);
    } catch {
      const document = await vscode.workspace.openTextDocument(this.reportUri);
      await vscode.window.showTextDocument(document, { preview: false });
    }
  }
}

let extension: GoenvExtension | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  extension = new GoenvExtension(context);
  context.subscriptions.push({ dispose: () => void extension?.dispose() });
  await extension.start();
}

export async function deactivate(): Promise<void> {
  const current = extension;
  extension = undefined;
  await current?.dispose();
}
