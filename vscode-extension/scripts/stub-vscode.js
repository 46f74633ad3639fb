// A stub of the `vscode` module for running the bundled extension under plain Node (scripts/smoke.js,
// scripts/e2e.js). It implements what the extension and vscode-languageclient really use — configuration
// resolved from package.json defaults plus user/workspace layers, commands, messages, diagnostics, a few
// value classes — and answers everything else with a generic callable stand-in.
"use strict";

const fs = require("node:fs");
const Module = require("node:module");
const path = require("node:path");

const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "package.json"), "utf8"));
const DEFAULTS = Object.fromEntries(
  Object.entries(pkg.contributes.configuration.properties).map(([key, schema]) => [key, schema.default]),
);

function makeEvent() {
  const listeners = new Set();
  const event = (listener, thisArg) => {
    const bound = thisArg ? listener.bind(thisArg) : listener;
    listeners.add(bound);
    return { dispose: () => listeners.delete(bound) };
  };
  event.fire = (value) => [...listeners].forEach((listener) => listener(value));
  return event;
}

class Uri {
  constructor(scheme, authority, p, query, fragment) {
    Object.assign(this, { scheme, authority: authority || "", path: p || "/", query: query || "", fragment: fragment || "" });
  }
  static parse(text) {
    const match = /^([a-zA-Z][\w+.-]*):(?:\/\/([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/.exec(text);
    if (!match) {
      throw new Error(`not a URI: ${text}`);
    }
    return new Uri(match[1], match[2], decodeURIComponent(match[3]), match[4], match[5]);
  }
  static file(p) {
    return new Uri("file", "", path.resolve(p));
  }
  get fsPath() {
    return this.path;
  }
  with(change) {
    return new Uri(change.scheme ?? this.scheme, change.authority ?? this.authority, change.path ?? this.path,
      change.query ?? this.query, change.fragment ?? this.fragment);
  }
  toString() {
    const p = this.path.split("/").map(encodeURIComponent).join("/");
    const authority = this.scheme === "file" || this.authority ? `//${this.authority}` : "";
    return `${this.scheme}:${authority}${p}${this.query ? "?" + this.query : ""}${this.fragment ? "#" + this.fragment : ""}`;
  }
  toJSON() {
    return this.toString();
  }
}

class Position {
  constructor(line, character) {
    Object.assign(this, { line, character });
  }
}

class Range {
  constructor(a, b, c, d) {
    if (typeof a === "number") {
      [a, b] = [new Position(a, b), new Position(c, d)];
    }
    Object.assign(this, { start: a, end: b });
  }
}

class Diagnostic {
  constructor(range, message, severity = 0) {
    Object.assign(this, { range, message, severity });
  }
}

class Disposable {
  constructor(fn) {
    this.fn = fn;
  }
  static from(...items) {
    return new Disposable(() => items.forEach((item) => item && item.dispose && item.dispose()));
  }
  dispose() {
    if (this.fn) this.fn();
    this.fn = undefined;
  }
}

class EventEmitter {
  constructor() {
    this.event = makeEvent();
  }
  fire(value) {
    this.event.fire(value);
  }
  dispose() {}
}

class MarkdownString {
  constructor(value = "", supportThemeIcons = false) {
    Object.assign(this, { value, supportThemeIcons });
  }
}

class ThemeColor {
  constructor(id) {
    this.id = id;
  }
}

class CancellationTokenSource {
  constructor() {
    const changed = makeEvent();
    this.token = { isCancellationRequested: false, onCancellationRequested: changed };
    this.changed = changed;
  }
  cancel() {
    this.token.isCancellationRequested = true;
    this.changed.fire();
  }
  dispose() {}
}

/** Anything: callable, constructible, extendable; every property is another one (but not a thenable). */
function makeGeneric() {
  const generic = new Proxy(function () {}, {
    get: (target, prop) =>
      prop === "then" || typeof prop === "symbol" ? undefined : prop === "prototype" ? {} : generic,
    apply: () => generic,
    construct: () => generic,
  });
  return generic;
}

/** `target`'s own members, and a generic stand-in for everything else. */
function withFallback(target) {
  const generic = makeGeneric();
  return new Proxy(target, { get: (t, prop) => (prop in t ? t[prop] : generic) });
}

/** A configuration value as VS Code resolves it: workspace over user over default; a prefix gives an object. */
function resolveSetting(world, full) {
  for (const layer of [world.workspace, world.user, DEFAULTS]) {
    if (Object.prototype.hasOwnProperty.call(layer, full)) {
      return structuredClone(layer[full]);
    }
  }
  let found;
  for (const layer of [DEFAULTS, world.user, world.workspace]) {
    for (const [key, value] of Object.entries(layer)) {
      if (key.startsWith(full + ".")) {
        found = found || {};
        const parts = key.slice(full.length + 1).split(".");
        let node = found;
        for (const part of parts.slice(0, -1)) {
          node = node[part] = node[part] || {};
        }
        node[parts[parts.length - 1]] = structuredClone(value);
      }
    }
  }
  return found;
}

function newWorld(overrides = {}) {
  return {
    isTrusted: false,
    user: {},
    workspace: {},
    folders: [],
    activeFile: undefined,
    messages: [],
    channels: [],
    clipboard: [],
    executed: [],
    commands: new Map(),
    providers: new Map(),
    diagnostics: new Map(), // uri string → diagnostics
    clients: [],
    statusItems: [], // every status bar item created, disposed ones too
    trustGranted: makeEvent(),
    configurationChanged: makeEvent(),
    activeEditorChanged: makeEvent(),
    foldersChanged: makeEvent(),
    ...overrides,
  };
}

function makeVscode(world) {
  const record = (kind) => (message, ...items) => {
    world.messages.push({ kind, message, items: items.filter((i) => typeof i === "string") });
    return Promise.resolve(undefined);
  };
  const api = {
    version: "1.91.0", // languageclient checks it against its own engines.vscode
    Uri,
    Position,
    Range,
    Diagnostic,
    Disposable,
    EventEmitter,
    CancellationTokenSource,
    MarkdownString,
    ThemeColor,
    StatusBarAlignment: { Left: 1, Right: 2 },
    CancellationError: class extends Error {},
    DiagnosticSeverity: { Error: 0, Warning: 1, Information: 2, Hint: 3 },
    DiagnosticTag: { Unnecessary: 1, Deprecated: 2 },
    LogLevel: { Off: 0, Trace: 1, Debug: 2, Info: 3, Warning: 4, Error: 5 },
    ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
    env: {
      appName: "Visual Studio Code (stub)",
      language: "en",
      clipboard: { writeText: async (text) => world.clipboard.push(text) },
    },
    window: {
      createOutputChannel(name, options) {
        const channel = { name, options, lines: [], logLevel: 3, onDidChangeLogLevel: makeEvent() };
        for (const level of ["trace", "debug", "info", "warn", "error", "appendLine", "append", "replace"]) {
          channel[level] = (line) => channel.lines.push(`${level}: ${line}`);
        }
        channel.show = () => {};
        channel.clear = () => {};
        channel.dispose = () => (channel.disposed = true);
        world.channels.push(channel);
        return channel;
      },
      createStatusBarItem(id, alignment, priority) {
        const item = { id, alignment, priority, tooltip: undefined, command: undefined, visible: false, texts: [] };
        Object.defineProperty(item, "text", { // every text it showed, in order, in `texts`
          get: () => item.texts.at(-1) ?? "",
          set: (text) => text !== item.texts.at(-1) && item.texts.push(text),
          enumerable: true,
        });
        item.show = () => (item.visible = true);
        item.hide = () => (item.visible = false);
        item.dispose = () => (item.disposed = true);
        world.statusItems.push(item);
        return item;
      },
      showErrorMessage: record("error"),
      showWarningMessage: record("warning"),
      showInformationMessage: record("info"),
      get activeTextEditor() {
        return world.activeFile ? { document: { uri: Uri.parse(world.activeFile) } } : undefined;
      },
      visibleTextEditors: [],
      tabGroups: { all: [], onDidChangeTabs: makeEvent() },
      onDidChangeActiveTextEditor: world.activeEditorChanged,
      onDidChangeVisibleTextEditors: makeEvent(),
      showTextDocument: async (document) => world.executed.push(["showTextDocument", document]),
      withProgress: async (options, task) => task({ report() {} }, new CancellationTokenSource().token),
    },
    commands: {
      registerCommand(id, handler) {
        if (world.commands.has(id)) {
          throw new Error(`command '${id}' already exists`); // as VS Code does
        }
        world.commands.set(id, handler);
        return { dispose: () => world.commands.get(id) === handler && world.commands.delete(id) };
      },
      async executeCommand(id, ...args) {
        world.executed.push([id, ...args]);
        if (world.commands.has(id)) {
          return world.commands.get(id)(...args);
        }
        if (id === "markdown.showPreview" || id === "workbench.action.openSettings") {
          return undefined;
        }
        throw new Error(`command '${id}' not found`);
      },
    },
    languages: {
      match: () => 0,
      createDiagnosticCollection(name) {
        return {
          name,
          set(uri, diagnostics) {
            if (Array.isArray(uri)) {
              uri.forEach(([u, d]) => world.diagnostics.set(u.toString(), d || []));
            } else {
              world.diagnostics.set(uri.toString(), diagnostics || []);
            }
          },
          delete: (uri) => world.diagnostics.delete(uri.toString()),
          clear: () => world.diagnostics.clear(),
          get: (uri) => world.diagnostics.get(uri.toString()),
          has: (uri) => world.diagnostics.has(uri.toString()),
          forEach: (fn) => world.diagnostics.forEach((d, u) => fn(Uri.parse(u), d)),
          dispose() {},
        };
      },
    },
    workspace: {
      get isTrusted() {
        return world.isTrusted;
      },
      get workspaceFolders() {
        return world.folders.length ? world.folders.map((p, index) => ({ uri: Uri.file(p), name: path.basename(p), index })) : undefined;
      },
      getWorkspaceFolder(uri) {
        const folders = api.workspace.workspaceFolders || [];
        const inside = folders.filter((f) => uri.scheme === "file" && (uri.path === f.uri.path || uri.path.startsWith(f.uri.path + "/")));
        return inside.sort((a, b) => b.uri.path.length - a.uri.path.length)[0];
      },
      onDidChangeWorkspaceFolders: world.foldersChanged,
      textDocuments: [],
      notebookDocuments: [],
      getConfiguration(section) {
        const full = (key) => (section ? `${section}.${key}` : key);
        return {
          get(key, defaultValue) {
            const value = resolveSetting(world, full(key));
            return value === undefined ? defaultValue : value;
          },
          has: (key) => resolveSetting(world, full(key)) !== undefined,
          inspect(key) {
            const name = full(key);
            return { key: name, defaultValue: DEFAULTS[name], globalValue: world.user[name], workspaceValue: world.workspace[name] };
          },
        };
      },
      onDidGrantWorkspaceTrust: world.trustGranted,
      onDidChangeConfiguration: world.configurationChanged,
      createFileSystemWatcher: () => ({
        onDidCreate: makeEvent(),
        onDidChange: makeEvent(),
        onDidDelete: makeEvent(),
        dispose() {},
      }),
      registerTextDocumentContentProvider(scheme, provider) {
        world.providers.set(scheme, provider);
        return { dispose: () => world.providers.delete(scheme) };
      },
      openTextDocument: async (uri) => ({ uri }),
    },
  };
  for (const namespace of ["window", "commands", "workspace", "languages", "env"]) {
    api[namespace] = withFallback(api[namespace]);
  }
  return withFallback(api);
}

let current;
const originalLoad = Module._load;
Module._load = function (request) {
  if (request === "vscode") {
    return current;
  }
  return originalLoad.apply(this, arguments);
};

/** A fresh copy of the bundle whose `require("vscode")` is `vscode` (by default a stub of `world`). */
function load(bundle, world, vscode = makeVscode(world)) {
  current = vscode;
  delete require.cache[bundle];
  return require(bundle);
}

function currentVscode() {
  return current;
}

function fakeContext() {
  return { subscriptions: [], extensionPath: path.join(__dirname, ".."), extensionUri: Uri.file(path.join(__dirname, "..")) };
}

async function waitFor(condition, what, ms = 2000) {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) {
      throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

async function shutdown(ext, context) {
  await ext.deactivate();
  for (const disposable of context.subscriptions) {
    await disposable.dispose();
  }
}

/** Runs named async checks in order; prints ok/FAIL lines and a summary; exits 1 on any failure. */
async function runChecks(title, checks, cleanup = () => {}) {
  let failed = 0;
  for (const { name, fn } of checks) {
    try {
      await fn();
      console.log(`ok   ${name}`);
    } catch (error) {
      failed += 1;
      console.log(`FAIL ${name}\n${error && error.stack ? error.stack : error}`);
    }
  }
  await cleanup();
  console.log(failed ? `${title}: ${failed} of ${checks.length} checks failed` : `${title}: all ${checks.length} checks passed`);
  process.exit(failed ? 1 : 0);
}

module.exports = {
  DEFAULTS,
  Uri,
  currentVscode,
  fakeContext,
  load,
  makeEvent,
  makeGeneric,
  newWorld,
  pkg,
  runChecks,
  shutdown,
  waitFor,
};
