// How the extension starts the goenv-lsp server, the way Microsoft's vscode-python-tools-extension-template
// does it: the server is bundled in the .vsix (bundled/libs, filled by scripts/bundle_server.py) and started
// with the user's Python through bundled/tool/goenv_lsp_server.py.
//
//   goenv.server.path            a command line to run instead ([executable, args…]): a goenv-lsp installed
//                                with pipx, a wrapper script …; importStrategy and interpreter are then unused
//   goenv.server.importStrategy  useBundled: the bundled goenv-lsp; fromEnvironment: the interpreter's own
//                                goenv-lsp, the bundled one only when it has none
//   goenv.server.interpreter     the Python ([executable, args…]); empty: the Python extension's interpreter
//                                for the workspace when that extension is installed, else python3 on PATH
//                                (python on Windows)
//   goenv.server.args            more arguments for the server, before --stdio
//   goenv.server.command         deprecated: a one-element goenv.server.path
//
// All are machine-scoped and listed in restrictedConfigurations: a workspace cannot choose what runs. The
// launcher refuses a Python older than 3.10 in words; checkLaunch runs it with --check before the server
// starts, so that the message reaches the user instead of a "connection closed".
//
// The functions here are pure (the file system aside) and exported for scripts/launch-check.js.

import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export const IMPORT_STRATEGIES = ["useBundled", "fromEnvironment"] as const;
export type ImportStrategy = (typeof IMPORT_STRATEGIES)[number];
export const LAUNCHER = path.join("tool", "goenv_lsp_server.py");
export const STRATEGY_ENV = "GOENV_LSP_IMPORT_STRATEGY";
export const PYTHON_EXTENSION_ID = "ms-python.python";
export const INSTALL_HINT = 'set "goenv.server.path" to a goenv-lsp installed with pipx (see the extension\'s README)';
const MINIMUM_PYTHON = "3.10";
const CHECK_TIMEOUT_MS = 20_000;

export interface LaunchSettings {
  importStrategy: ImportStrategy;
  interpreter: string[];
  path: string[];
  args: string[];
}

export interface Gettable {
  get<T>(key: string, defaultValue: T): T;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string" && v.trim() !== "") : [];
}

/** The `goenv.server.*` settings; a set (deprecated) `server.command` stands for `server.path: [command]`. */
export function launchSettingsFrom(config: Gettable): LaunchSettings {
  const strategy = config.get<unknown>("server.importStrategy", "useBundled");
  const command = config.get<unknown>("server.command", "");
  let serverPath = strings(config.get<unknown>("server.path", []));
  if (serverPath.length === 0 && typeof command === "string" && command.trim()) {
    serverPath = [command.trim()];
  }
  return {
    importStrategy: strategy === "fromEnvironment" ? "fromEnvironment" : "useBundled",
    interpreter: strings(config.get<unknown>("server.interpreter", [])),
    path: serverPath,
    args: strings(config.get<unknown>("server.args", [])),
  };
}

export interface Launch {
  command: string;
  args: string[];
  /** Added to the extension host's environment. */
  env: Record<string, string>;
  /** Where the command came from, for the log. */
  source: string;
  /** Arguments that make the launcher check the interpreter instead of serving (Python launches only). */
  checkArgs?: string[];
}

export type LaunchPlan = { ok: true; launch: Launch } | { ok: false; message: string };

export interface LaunchContext {
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  home?: string;
  /** The extension's bundled/ directory. */
  bundledDir: string;
  /** The Python extension's interpreter for the workspace ([executable, args…]), if any. */
  pythonFromExtension?: string[];
  /** Finds an executable (defaults to findExecutable with env, platform and home). */
  find?: (command: string) => string | undefined;
}

/** What to run for `settings`, or why nothing can run. */
export function launchPlan(settings: LaunchSettings, context: LaunchContext): LaunchPlan {
  const env = context.env ?? process.env;
  const platform = context.platform ?? process.platform;
  const find = context.find ?? ((command: string) => findExecutable(command, env, platform, context.home));
  if (settings.path.length > 0) {
    const [name, ...rest] = settings.path;
    const command = find(name);
    if (command === undefined) {
      return { ok: false, message: `goenv-lsp: "${name}" from "goenv.server.path" was not found${where(name)}.` };
    }
    return { ok: true, launch: { command, args: [...rest, ...settings.args], env: {}, source: "goenv.server.path" } };
  }
  const launcher = path.join(context.bundledDir, LAUNCHER);
  if (!fs.existsSync(launcher)) {
    return { ok: false, message: `goenv-lsp: this copy of the extension has no server launcher (${launcher}).` };
  }
  if (settings.importStrategy === "useBundled" && !fs.existsSync(path.join(context.bundledDir, "libs"))) {
    return {
      ok: false,
      message:
        "goenv-lsp: this build of the extension has no bundled server (bundled/libs is missing; " +
        '"npm run bundle:server" makes it). Set "goenv.server.importStrategy" to fromEnvironment to use a ' +
        `goenv-lsp installed in your Python, or ${INSTALL_HINT}.`,
    };
  }
  const python = interpreterFor(settings, context, find, platform);
  if (!python.ok) {
    return python;
  }
  const [command, ...interpreterArgs] = python.interpreter;
  return {
    ok: true,
    launch: {
      command,
      args: [...interpreterArgs, launcher, ...settings.args],
      env: { [STRATEGY_ENV]: settings.importStrategy },
      source: `${settings.importStrategy}, Python from ${python.source}`,
      checkArgs: [...interpreterArgs, launcher, "--check"],
    },
  };
}

function interpreterFor(
  settings: LaunchSettings,
  context: LaunchContext,
  find: (command: string) => string | undefined,
  platform: NodeJS.Platform,
): { ok: true; interpreter: string[]; source: string } | { ok: false; message: string } {
  if (settings.interpreter.length > 0) {
    const [name, ...rest] = settings.interpreter;
    const command = find(name);
    if (command === undefined) {
      return { ok: false, message: `goenv-lsp: the Python "${name}" of "goenv.server.interpreter" was not found${where(name)}.` };
    }
    return { ok: true, interpreter: [command, ...rest], source: "goenv.server.interpreter" };
  }
  if (context.pythonFromExtension && context.pythonFromExtension.length > 0) {
    return { ok: true, interpreter: [...context.pythonFromExtension], source: "the Python extension" };
  }
  const name = platform === "win32" ? "python" : "python3";
  const command = find(name);
  if (command === undefined) {
    return {
      ok: false,
      message:
        `goenv-lsp needs Python ${MINIMUM_PYTHON} or newer to run its bundled server, and no "${name}" is on PATH. ` +
        'Install Python, select an interpreter with the Python extension, or set "goenv.server.interpreter"; ' +
        `or ${INSTALL_HINT}.`,
    };
  }
  return { ok: true, interpreter: [command], source: "PATH" };
}

function where(name: string): string {
  return /[\\/]/.test(name) ? "" : " on PATH";
}

/** What the launcher's --check prints. */
export interface LaunchFacts {
  python: string;
  executable: string;
  goenv_lsp: string;
  location: string;
  bundled: boolean;
  watchfiles: boolean;
}

export type Runner = (
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
) => Promise<{ code: number | null; stdout: string; stderr: string; error?: Error }>;

export const runProcess: Runner = (command, args, env) =>
  new Promise((resolve) => {
    execFile(command, args, { env, timeout: CHECK_TIMEOUT_MS, windowsHide: true }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === "number" ? error.code : null;
      resolve({ code, stdout: String(stdout), stderr: String(stderr), error: error ?? undefined });
    });
  });

/** Runs the launcher's --check for a Python launch (other launches pass): its facts, or its message. */
export async function checkLaunch(
  launch: Launch,
  run: Runner = runProcess,
  baseEnv: NodeJS.ProcessEnv = process.env,
): Promise<{ ok: true; facts?: LaunchFacts } | { ok: false; message: string }> {
  if (launch.checkArgs === undefined) {
    return { ok: true };
  }
  const result = await run(launch.command, launch.checkArgs, { ...baseEnv, ...launch.env });
  if (result.code === 0) {
    try {
      return { ok: true, facts: JSON.parse(result.stdout.trim().split("\n").at(-1) ?? "") as LaunchFacts };
    } catch {
      // a Python that printed something else: the server start will tell
      return { ok: true };
    }
  }
  const said = result.stderr.trim();
  if (said && result.code !== null) {
    return { ok: false, message: said.split("\n").slice(-3).join(" ") };
  }
  const why = result.error ? result.error.message : `exit code ${result.code}`;
  return {
    ok: false,
    message:
      `goenv-lsp: the Python "${launch.command}" did not run (${why}). ` +
      'Set "goenv.server.interpreter" to a Python 3.10 or newer.',
  };
}

/**
 * The Python extension's interpreter for `resource` ([executable, args…]), if that extension is installed:
 * its environments API (resolveEnvironment(getActiveEnvironmentPath())), else the older
 * settings.getExecutionDetails(). In an untrusted workspace, an interpreter inside a workspace folder (a
 * project's .venv) is not used: it is a binary of the workspace.
 */
export async function pythonFromExtension(
  extension: ExtensionLike | undefined,
  resource: unknown,
  trusted: boolean,
  folders: readonly string[],
): Promise<string[] | undefined> {
  if (extension === undefined) {
    return undefined;
  }
  let command: string[] | undefined;
  try {
    const api = (extension.isActive ? extension.exports : await extension.activate()) as PythonApi | undefined;
    const environments = api?.environments;
    if (environments?.getActiveEnvironmentPath && environments.resolveEnvironment) {
      const resolved = await environments.resolveEnvironment(environments.getActiveEnvironmentPath(resource));
      const executable = resolved?.executable?.uri?.fsPath;
      command = typeof executable === "string" && executable ? [executable] : undefined;
    }
    if (command === undefined) {
      command = strings(api?.settings?.getExecutionDetails?.(resource)?.execCommand);
    }
  } catch {
    return undefined;
  }
  if (!command || command.length === 0) {
    return undefined;
  }
  if (!trusted && folders.some((folder) => isInside(command[0], folder))) {
    return undefined;
  }
  return command;
}

/** Calls `listener` when the Python extension's interpreter changes; undefined without that extension or API. */
export async function onPythonChange(
  extension: ExtensionLike | undefined,
  listener: () => void,
): Promise<{ dispose(): unknown } | undefined> {
  if (extension === undefined) {
    return undefined;
  }
  try {
    const api = (extension.isActive ? extension.exports : await extension.activate()) as PythonApi | undefined;
    const event = api?.environments?.onDidChangeActiveEnvironmentPath ?? api?.settings?.onDidChangeExecutionDetails;
    if (typeof event !== "function") {
      return undefined;
    }
    const disposable = event(listener);
    return typeof disposable?.dispose === "function" ? disposable : undefined;
  } catch {
    return undefined;
  }
}

type Subscribe = (listener: () => void) => { dispose(): unknown } | undefined;

export interface ExtensionLike {
  isActive: boolean;
  exports: unknown;
  activate(): Thenable<unknown>;
}

interface PythonApi {
  environments?: {
    getActiveEnvironmentPath?(resource?: unknown): unknown;
    resolveEnvironment?(environment: unknown): Promise<{ executable?: { uri?: { fsPath?: string } } } | undefined>;
    onDidChangeActiveEnvironmentPath?: Subscribe;
  };
  settings?: {
    getExecutionDetails?(resource?: unknown): { execCommand?: unknown } | undefined;
    onDidChangeExecutionDetails?: Subscribe;
  };
}

function isInside(file: string, folder: string): boolean {
  const relative = path.relative(path.resolve(folder), path.resolve(file));
  return relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative));
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
