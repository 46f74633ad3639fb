#!/usr/bin/env node
// Smoke test of the bundled extension without VS Code (which cannot be downloaded offline):
//   node scripts/smoke.js dist/extension.js [facts.json]
// Loads the bundle with a stub `vscode` module whose configuration comes from package.json's defaults plus
// the settings below, calls activate() with a fake context, and checks what a LanguageClient would be
// constructed with (internals.createClient is replaced by a recorder), the settings the server would get,
// the command UI, restarts, and the "server not found" message. With a second argument it writes the
// initializationOptions and workspace/configuration answer it produced as JSON, for the Python side to
// validate against goenv_lsp.config.
"use strict";

const assert = require("node:assert/strict");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { currentVscode, fakeContext, load: loadWith, makeEvent, newWorld, pkg, runChecks, shutdown, waitFor } =
  require("./stub-vscode");

const bundle = path.resolve(process.argv[2] || path.join(__dirname, "..", "dist", "extension.js"));
const factsOut = process.argv[3];
const STATE = { Stopped: 1, Running: 2, Starting: 3 };
const STDIO = 0;
const load = (world) => loadWith(bundle, world);

function fakeClientFactory(world, behaviour = {}) {
  return (id, name, serverOptions, clientOptions) => {
    const stateChanged = makeEvent();
    const client = {
      id,
      name,
      serverOptions,
      clientOptions,
      notifications: [],
      handlers: new Map(), // notifications from the server: method → handler
      features: [],
      disposed: 0,
      onDidChangeState: stateChanged,
      onNotification(method, handler) {
        client.handlers.set(method, handler);
        return { dispose: () => client.handlers.delete(method) };
      },
      registerFeature(feature) {
        client.features.push(feature);
      },
      /** What the server would send. */
      serverSends(method, params) {
        client.handlers.get(method)(structuredClone(params));
      },
      async start() {
        stateChanged.fire({ oldState: STATE.Stopped, newState: STATE.Starting });
        // languageclient pushes didChangeConfiguration while starting (synchronize.configurationSection)
        await clientOptions.middleware.workspace.didChangeConfiguration(["goenv"], async () => {
          throw new Error("the default push must not be used");
        });
        if (behaviour.failStart) {
          stateChanged.fire({ oldState: STATE.Starting, newState: STATE.Stopped });
          throw new Error(behaviour.failStart);
        }
        stateChanged.fire({ oldState: STATE.Starting, newState: STATE.Running });
      },
      async dispose() {
        client.disposed += 1;
        stateChanged.fire({ oldState: STATE.Running, newState: STATE.Stopped });
      },
      async sendNotification(type, params) {
        client.notifications.push({ method: type.method, params: structuredClone(params) });
      },
    };
    world.clients.push(client);
    return client;
  };
}

function makeExecutable(dir, name, mode = 0o755) {
  const file = path.join(dir, name);
  fs.writeFileSync(file, "#!/bin/sh\nexit 0\n");
  fs.chmodSync(file, mode);
  return file;
}

// ---------------------------------------------------------------------------------------------------------
// checks

const checks = [];
function check(name, fn) {
  checks.push({ name, fn });
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "goenv-vscode-smoke-"));
const binDir = path.join(tmp, "bin");
const emptyDir = path.join(tmp, "empty");
fs.mkdirSync(binDir);
fs.mkdirSync(emptyDir);
const serverExe = makeExecutable(binDir, "goenv-lsp");
const facts = {};

const USER = { "go.goroot": "/usr/local/go", "go.alternateTools": { go: "/opt/go/bin/go" }, "editor.tabSize": 2 };
const WORKSPACE = {
  "go.gopath": "/ws/gopath", // workspace-level: the server reads .vscode/settings.json itself
  "goenv.ignore": ["GE120"],
  "goenv.trusted": true, // a workspace must not be able to claim trust …
  "goenv.editorSettings": { "go.goroot": "/evil" }, // … or user-level settings
  "goenv.server.command": "/evil/bin/sh", // machine-scoped in package.json: VS Code would ignore it; see below
};
// The selector is generated from the server's file-kind registry (python -m goenv_lsp.files.editors; checked by
// tests/test_file_kinds.py): here it must reach the LanguageClient, and hold at least the Go files.
const REQUIRED_SELECTOR = [
  { scheme: "file", language: "go" },
  { scheme: "file", language: "go.mod" },
  { scheme: "file", language: "go.work" },
  { scheme: "file", pattern: "**/.vscode/settings.json" },
];
const USER_EDITOR_SETTINGS = { "go.goroot": "/usr/local/go", "go.alternateTools": { go: "/opt/go/bin/go" } };

check("the bundle loads with a generic stub `vscode` and exports activate/deactivate", () => {
  const generic = new Proxy({}, { get: () => new Proxy(function () {}, { get: () => ({}) }) });
  const ext = loadWith(bundle, newWorld(), generic);
  assert.equal(typeof ext.activate, "function");
  assert.equal(typeof ext.deactivate, "function");
  for (const name of ["clientOptionsFor", "serverOptionsFor", "serverSettingsFrom", "findExecutable", "internals"]) {
    assert.ok(name in ext, `export ${name}`);
  }
});

check("package.json contributes what the extension reads and registers", () => {
  const props = pkg.contributes.configuration.properties;
  assert.equal(props["goenv.server.importStrategy"].default, "useBundled");
  assert.deepEqual(props["goenv.server.path"].default, []);
  assert.deepEqual(props["goenv.server.args"].default, []);
  for (const key of ["goenv.server.path", "goenv.server.importStrategy", "goenv.server.interpreter",
    "goenv.server.args", "goenv.server.command"]) {
    assert.equal(props[key].scope, "machine", `${key} must not be settable by a workspace`);
  }
  for (const key of ["goenv.select", "goenv.ignore", "goenv.severity", "goenv.probeTimeout"]) {
    assert.ok(key in props, key);
  }
  const commands = Object.fromEntries(pkg.contributes.commands.map((c) => [c.command, `${c.category}: ${c.title}`]));
  assert.deepEqual(commands, {
    "goenv.report": "goenv-lsp: Show Go Environment Report",
    "goenv.refresh": "goenv-lsp: Refresh",
    "goenv.restartServer": "goenv-lsp: Restart Server",
  });
  const level = props["goenv.server.logLevel"];
  assert.deepEqual(level.enum, ["debug", "info", "warning", "error"]);
  assert.equal(level.default, "warning");
  assert.ok(["machine", "window"].includes(level.scope), level.scope);
  // every setting: a markdown description, a scope, an order; every enum described value by value
  const orders = new Set();
  for (const [key, schema] of Object.entries(props)) {
    assert.ok(schema.markdownDescription && !schema.description, `${key}: markdownDescription`);
    assert.ok(["application", "machine", "window", "resource", "machine-overridable", "language-overridable"].includes(schema.scope), `${key}: scope`);
    for (const values of [schema, schema.additionalProperties, schema.items]) {
      if (values && values.enum) {
        assert.equal(values.enumDescriptions?.length, values.enum.length, `${key}: enumDescriptions`);
      }
    }
    if (schema.order !== undefined) {
      assert.ok(!orders.has(schema.order), `${key}: order ${schema.order} is taken`);
      orders.add(schema.order);
    }
  }
  assert.deepEqual(pkg.activationEvents, [
    "onLanguage:go", "onLanguage:go.mod", "onLanguage:go.work", "workspaceContains:**/go.mod", "workspaceContains:**/go.work",
  ]);
  assert.equal(pkg.main, "./dist/extension.js");
});

// The checks below start a goenv-lsp from PATH (goenv.server.path); scripts/launch-check.js checks the bundled one.
const SERVER_PATH = { "goenv.server.path": ["goenv-lsp"] };

check("server command not on PATH: clear error, no client, fallback commands", async () => {
  const world = newWorld({ user: { ...USER, ...SERVER_PATH } });
  const ext = load(world);
  ext.internals.createClient = fakeClientFactory(world);
  const savedPath = process.env.PATH;
  process.env.PATH = emptyDir;
  const context = fakeContext();
  try {
    await ext.activate(context);
  } finally {
    process.env.PATH = savedPath;
  }
  assert.equal(world.clients.length, 0);
  const errors = world.messages.filter((m) => m.kind === "error");
  assert.equal(errors.length, 1, JSON.stringify(world.messages));
  const { message, items } = errors[0];
  for (const part of ['"goenv-lsp" from "goenv.server.path" was not found on PATH', "goenv-lsp output"]) {
    assert.ok(message.includes(part), `${part} in ${message}`);
  }
  assert.deepEqual(items, ["Open Settings", "Copy Install Command", "Restart Server"]);
  for (const id of ["goenv.refresh", "goenv.report", "goenv.restartServer"]) {
    assert.ok(world.commands.has(id), id);
  }
  await currentVscode().commands.executeCommand("goenv.report");
  assert.ok(world.messages.at(-1).message.includes("not running"), world.messages.at(-1).message);
  assert.equal(world.statusItems.length, 1);
  assert.equal(world.statusItems[0].text, "Go env: server not running");
  assert.equal(world.statusItems[0].command, "goenv.report");
  assert.equal(world.channels.length, 1);
  assert.equal(world.channels[0].name, "goenv-lsp");
  await shutdown(ext, context);
  assert.ok(!world.commands.has("goenv.refresh") && !world.commands.has("goenv.restartServer"));
});

check("server found: LanguageClient options, settings, trust, commands, restarts", async () => {
  const world = newWorld({ user: { ...USER, ...SERVER_PATH }, workspace: { ...WORKSPACE }, activeFile: "file:///ws/go.mod" });
  delete world.workspace["goenv.server.command"]; // VS Code drops machine-scoped values from workspaces
  const ext = load(world);
  ext.internals.createClient = fakeClientFactory(world);
  const savedPath = process.env.PATH;
  process.env.PATH = [emptyDir, binDir].join(path.delimiter);
  const context = fakeContext();
  try {
    await ext.activate(context);
  } finally {
    process.env.PATH = savedPath;
  }
  assert.equal(world.messages.length, 0, JSON.stringify(world.messages));
  assert.equal(world.clients.length, 1);
  const client = world.clients[0];
  assert.equal(client.id, "goenv");
  assert.equal(client.name, "goenv-lsp");

  // serverOptions: `goenv-lsp --stdio` (languageclient appends --stdio for the stdio transport)
  assert.deepEqual(client.serverOptions, {
    run: { command: serverExe, args: ["--log-level", "warning"], transport: STDIO },
    debug: { command: serverExe, args: ["--log-level", "warning", "--log-level", "debug"], transport: STDIO },
  });

  // clientOptions
  const options = client.clientOptions;
  assert.deepEqual(options.documentSelector, ext.DOCUMENT_SELECTOR);
  for (const entry of REQUIRED_SELECTOR) {
    assert.ok(options.documentSelector.some((s) => JSON.stringify(s) === JSON.stringify(entry)), JSON.stringify(entry));
  }
  assert.deepEqual(options.synchronize, { configurationSection: "goenv" });
  assert.equal(options.outputChannel, world.channels[0]);
  assert.deepEqual(world.channels[0].options, { log: true });
  const init = options.initializationOptions();
  assert.deepEqual(init, { trusted: false, editorSettings: USER_EDITOR_SETTINGS });
  facts.initializationOptions = init;
  assert.equal(client.notifications.length, 0, "the push while starting is skipped (the server pulls then)");

  // workspace/configuration: languageclient's default answer, then the middleware
  const params = { items: [{ section: "goenv" }, { section: "editor" }] };
  const defaultAnswer = (p) => p.items.map((item) => currentVscode().workspace.getConfiguration().get(item.section));
  const raw = defaultAnswer(params);
  assert.deepEqual(raw[0].server.path, ["goenv-lsp"]);
  assert.equal(raw[0].trusted, true);
  const answer = await options.middleware.workspace.configuration(params, {}, defaultAnswer);
  assert.deepEqual(answer[0], {
    select: [],
    ignore: ["GE120"],
    severity: {},
    probeTimeout: 5,
    trusted: false,
    editorSettings: USER_EDITOR_SETTINGS,
  });
  assert.deepEqual(answer[1], raw[1]);
  facts.configuration = answer[0];

  // workspace/didChangeConfiguration after start: the sanitized section, not languageclient's raw one
  await options.middleware.workspace.didChangeConfiguration(["goenv"], async () => {
    throw new Error("raw push");
  });
  assert.deepEqual(client.notifications.at(-1), {
    method: "workspace/didChangeConfiguration",
    params: { settings: { goenv: answer[0] } },
  });

  // workspace trust granted: re-sent with trusted: true
  world.isTrusted = true;
  world.trustGranted.fire();
  await waitFor(() => client.notifications.length === 2, "the settings after trust was granted");
  assert.equal(client.notifications[1].params.settings.goenv.trusted, true);
  assert.equal(options.initializationOptions().trusted, true);

  // goenv.report: the markdown opens as a preview of a read-only document; the active file picks the folder
  const calls = [];
  const report = "# Go environment\n\n- go1.27.3\n";
  const next = async (command, args) => {
    calls.push([command, args]);
    if (command === "goenv.report") return report;
    if (command === "goenv.refresh") return { findings: 2 };
    if (command === "goenv.explain") return "GE302 …";
    throw new Error("unexpected");
  };
  const exec = options.middleware.executeCommand;
  assert.equal(await exec("goenv.report", [], next), report);
  assert.deepEqual(calls.at(-1), ["goenv.report", ["file:///ws/go.mod"]]);
  const preview = world.executed.find((e) => e[0] === "markdown.showPreview");
  assert.ok(preview, JSON.stringify(world.executed));
  assert.ok(preview[1].toString().startsWith("goenv-lsp-report:"), preview[1].toString());
  assert.equal(world.providers.get("goenv-lsp-report").provideTextDocumentContent(preview[1]), report);
  await exec("goenv.report", ["file:///other/go.mod"], next);
  assert.deepEqual(calls.at(-1), ["goenv.report", ["file:///other/go.mod"]]);

  // goenv.refresh: says how many problems
  assert.deepEqual(await exec("goenv.refresh", [], next), { findings: 2 });
  assert.ok(world.messages.at(-1).message.includes("2 Go environment problems"), world.messages.at(-1).message);
  // other server commands pass through untouched
  const before = world.messages.length;
  assert.equal(await exec("goenv.explain", ["GE302"], next), "GE302 …");
  assert.equal(world.messages.length, before);
  // a failing report becomes an error message, not an unhandled rejection
  assert.equal(await exec("goenv.report", [], async () => { throw new Error("no workspace folder is open"); }), undefined);
  assert.ok(world.messages.at(-1).kind === "error" && world.messages.at(-1).message.includes("no workspace folder"));

  // the fallback commands are gone while the client runs (languageclient registers goenv.refresh/report)
  assert.ok(!world.commands.has("goenv.refresh") && !world.commands.has("goenv.report"));
  assert.ok(world.commands.has("goenv.restartServer"));

  // goenv.server.* changed: restart with the new command
  const other = makeExecutable(binDir, "goenv-lsp-2");
  world.user["goenv.server.path"] = [other];
  world.configurationChanged.fire({ affectsConfiguration: (s) => s === "goenv" || s === "goenv.server" });
  await waitFor(() => world.clients.length === 2, "a restarted client");
  assert.equal(client.disposed, 1);
  assert.equal(world.clients[1].serverOptions.run.command, other);

  // a workspace-level go.* change does not restart; a user-level one does (new initializationOptions)
  world.workspace["go.goroot"] = "/ws/go";
  world.configurationChanged.fire({ affectsConfiguration: (s) => s === "go" || s === "go.goroot" });
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(world.clients.length, 2);
  world.user["go.goroot"] = "/usr/lib/go-1.22";
  world.configurationChanged.fire({ affectsConfiguration: (s) => s === "go" || s === "go.goroot" });
  await waitFor(() => world.clients.length === 3, "a client restarted for a user-level go.goroot");
  assert.equal(world.clients[2].clientOptions.initializationOptions().editorSettings["go.goroot"], "/usr/lib/go-1.22");

  // goenv.restartServer
  await currentVscode().commands.executeCommand("goenv.restartServer");
  assert.equal(world.clients.length, 4);
  assert.equal(world.clients[2].disposed, 1);

  await shutdown(ext, context);
  assert.equal(world.clients[3].disposed >= 1, true);
  assert.ok(!world.commands.has("goenv.refresh"), "no fallback commands after deactivation");
  assert.equal(world.messages.filter((m) => m.kind === "error").length, 1); // only the failing report above
});

check("server fails to start: error with the settings hint, fallback commands", async () => {
  const world = newWorld({ user: { ...SERVER_PATH } });
  const ext = load(world);
  ext.internals.createClient = fakeClientFactory(world, { failStart: "Connection to server got closed" });
  ext.internals.findExecutable = () => serverExe;
  const context = fakeContext();
  await ext.activate(context);
  assert.equal(world.clients.length, 1);
  assert.equal(world.clients[0].disposed, 1);
  const error = world.messages.find((m) => m.kind === "error");
  assert.ok(error && error.message.includes("did not start") && error.message.includes('"goenv.server" settings'));
  assert.ok(world.commands.has("goenv.refresh") && world.commands.has("goenv.report"));
  await shutdown(ext, context);
});

check("the real LanguageClient accepts the options (constructed, not started)", () => {
  const world = newWorld({ user: { ...USER } });
  const ext = load(world);
  const host = {
    isTrusted: () => false,
    editorSettings: () => ({}),
    section: () => ({}),
    activeFileUri: () => undefined,
    ready: () => false,
    sendSettings: async () => {},
    showMarkdown: async () => {},
    showInfo: () => {},
    showError: () => {},
  };
  const client = ext.internals.createClient("goenv", "goenv-lsp", ext.serverOptionsFor(serverExe, []),
    ext.clientOptionsFor(host, currentVscode().window.createOutputChannel("goenv-lsp", { log: true })));
  assert.equal(typeof client.start, "function");
  assert.equal(client.name, "goenv-lsp");
  assert.equal(client.clientOptions.synchronize.configurationSection, "goenv");
  assert.equal(client.needsStart(), true);
});

check("server stderr: Python log levels become log channel levels, tracebacks keep theirs", () => {
  const { parseServerLog, clientOptionsFor } = load(newWorld());
  assert.deepEqual(parseServerLog("2026-11-23 14:55:43,029 INFO pygls.feature_manager: Registered exit"),
    ["info", "pygls.feature_manager: Registered exit"]);
  assert.deepEqual(parseServerLog("2026-11-23 14:55:43,029 WARNING goenv_lsp.x: slow", "info"), ["warn", "goenv_lsp.x: slow"]);
  assert.deepEqual(parseServerLog("2026-11-23 14:55:43,029 DEBUG a: b")[0], "debug");
  assert.deepEqual(parseServerLog("2026-11-23 14:55:43,029 ERROR goenv_lsp.lsp.roots: probing failed", "info"),
    ["error", "goenv_lsp.lsp.roots: probing failed"]);
  assert.deepEqual(parseServerLog("Traceback (most recent call last):", "error"), ["error", "Traceback (most recent call last):"]);
  assert.deepEqual(parseServerLog("ModuleNotFoundError: No module named 'pygls'"), ["error", "ModuleNotFoundError: No module named 'pygls'"]);
  const options = clientOptionsFor({}, undefined);
  assert.equal(typeof options.stdioOptions.stderr, "function");
  assert.equal(typeof options.stdioOptions.stdout, "function");
});

const HEALTHY = { uri: "file:///ws/a", state: "ok", goVersion: "1.27.3", goPath: "/usr/local/go/bin/go", problems: 0, summary: [] };
const BROKEN = {
  uri: "file:///ws/b",
  state: "problems",
  goVersion: "1.22.10",
  goPath: "/usr/local/go1.22.10/bin/go",
  problems: 2,
  summary: ["GE110 go.mod / go.work needs a newer Go than the local toolchain and switching is off", "GE120 No gopls for this Go workspace"],
};
const NO_GO = { uri: "file:///ws/c", state: "no-go", goVersion: null, goPath: null, problems: 1, summary: ["GE101 No go command can be found"] };

check("status item text and tooltip: healthy, broken, no go, one problem, probing, starting, stopped", () => {
  const { statusView } = load(newWorld());
  const healthy = statusView("running", HEALTHY);
  assert.equal(healthy.text, "Go 1.27.3 ✓");
  assert.equal(healthy.background, undefined);
  assert.ok(healthy.tooltip.includes("Go 1.27.3 runs: `/usr/local/go/bin/go`"), healthy.tooltip);
  assert.ok(healthy.tooltip.includes("No Go environment problems."), healthy.tooltip);
  assert.ok(healthy.tooltip.includes("Click for the Go environment report."), healthy.tooltip);

  const broken = statusView("running", BROKEN, "b");
  assert.equal(broken.text, "Go env: 2 problems");
  assert.equal(broken.background, "warning");
  assert.ok(broken.tooltip.startsWith("**goenv-lsp** — b\n"), broken.tooltip);
  assert.ok(broken.tooltip.includes("2 Go environment problems:\n\n- GE110 go.mod / go.work needs a newer Go"), broken.tooltip);
  assert.ok(broken.tooltip.includes("\n- GE120 No gopls for this Go workspace"), broken.tooltip);

  const one = statusView("running", { ...BROKEN, problems: 1, summary: [BROKEN.summary[1]] });
  assert.equal(one.text, "Go env: 1 problem");
  assert.ok(one.tooltip.includes("1 Go environment problem:\n\n- GE120"), one.tooltip);

  const noGo = statusView("running", NO_GO);
  assert.equal(noGo.text, "Go: not found");
  assert.equal(noGo.background, "error");
  assert.ok(noGo.tooltip.includes("No `go` on PATH.") && noGo.tooltip.includes("- GE101 No go command can be found"), noGo.tooltip);

  assert.equal(statusView("running", { ...HEALTHY, state: "probing" }).text, "$(loading~spin) Go env: checking");
  assert.equal(statusView("running", undefined).text, "$(loading~spin) Go env: checking");
  assert.equal(statusView("running", { ...HEALTHY, state: "error" }).text, "Go env: check failed");
  assert.equal(statusView("starting", HEALTHY).text, "$(loading~spin) Go env: starting");
  const stopped = statusView("stopped", HEALTHY);
  assert.equal(stopped.text, "Go env: server not running");
  assert.ok(stopped.tooltip.includes("Restart Server"), stopped.tooltip);
});

check("status item in the extension: capability, notification, server state, active folder, click", async () => {
  const world = newWorld({ user: { ...SERVER_PATH }, folders: ["/ws/a", "/ws/b", "/ws/c"], activeFile: "file:///ws/b/go.mod" });
  const ext = load(world);
  ext.internals.createClient = fakeClientFactory(world);
  ext.internals.findExecutable = () => serverExe;
  const context = fakeContext();
  await ext.activate(context);
  const [item] = world.statusItems;
  assert.equal(world.statusItems.length, 1);
  assert.ok(item.visible && item.command === "goenv.report" && item.alignment === 1, JSON.stringify(item));
  assert.equal(item.text, "$(loading~spin) Go env: checking", "running, nothing heard yet");
  const client = world.clients[0];
  // the client announces experimental.goenvStatus, so the server sends goenv/status
  const capabilities = { experimental: { other: 1 } };
  client.features.forEach((feature) => feature.fillClientCapabilities(capabilities));
  assert.deepEqual(capabilities.experimental, { other: 1, goenvStatus: true });

  client.serverSends("goenv/status", { folders: [HEALTHY, BROKEN, NO_GO] });
  assert.equal(item.text, "Go env: 2 problems", "the active editor is in /ws/b");
  assert.ok(item.tooltip instanceof currentVscode().MarkdownString && item.tooltip.value.includes("— b\n"), item.tooltip.value);
  assert.equal(item.backgroundColor.id, "statusBarItem.warningBackground");
  world.activeFile = "file:///ws/c/main.go";
  world.activeEditorChanged.fire();
  assert.equal(item.text, "Go: not found");
  assert.equal(item.backgroundColor.id, "statusBarItem.errorBackground");
  world.activeFile = "file:///elsewhere/x.go"; // not in a folder: the first folder
  world.activeEditorChanged.fire();
  assert.equal(item.text, "Go 1.27.3 ✓");
  assert.equal(item.backgroundColor, undefined);
  client.serverSends("goenv/status", { folders: "nonsense" });
  assert.equal(item.text, "$(loading~spin) Go env: checking", "a malformed notification is no status");

  // the click runs goenv.report (languageclient registers it while the server runs; here the fallback answers)
  assert.equal(item.command, "goenv.report");

  // a restart: starting, then running again with no status until the server sends one
  await currentVscode().commands.executeCommand("goenv.restartServer");
  assert.equal(world.clients.length, 2);
  assert.equal(item.text, "$(loading~spin) Go env: checking");
  client.serverSends("goenv/status", { folders: [HEALTHY] }); // the old client's: ignored
  assert.equal(item.text, "$(loading~spin) Go env: checking");
  world.clients[1].serverSends("goenv/status", { folders: [HEALTHY] });
  assert.equal(item.text, "Go 1.27.3 ✓");
  await shutdown(ext, context);
  assert.ok(item.disposed, "the item goes with the extension");
});

check("goenv.server.logLevel: passed as --log-level after goenv.server.args; a change restarts", async () => {
  const world = newWorld({ user: { ...SERVER_PATH, "goenv.server.logLevel": "debug", "goenv.server.args": ["--log-file", "/tmp/x.log"] } });
  const ext = load(world);
  ext.internals.createClient = fakeClientFactory(world);
  ext.internals.findExecutable = () => serverExe;
  const context = fakeContext();
  await ext.activate(context);
  assert.deepEqual(world.clients[0].serverOptions.run.args, ["--log-file", "/tmp/x.log", "--log-level", "debug"]);
  world.user["goenv.server.logLevel"] = "error";
  world.configurationChanged.fire({ affectsConfiguration: (s) => ["goenv", "goenv.server", "goenv.server.logLevel"].includes(s) });
  await waitFor(() => world.clients.length === 2, "a client restarted for the new log level");
  assert.deepEqual(world.clients[1].serverOptions.run.args, ["--log-file", "/tmp/x.log", "--log-level", "error"]);
  const level = (value) => ({ get: () => value });
  assert.deepEqual(ext.withLogLevel([], level("loud")), ["--log-level", "warning"], "an unknown value: the default");
  assert.deepEqual(ext.withLogLevel(["--log-level", "debug"], level("error")), ["--log-level", "debug"], "args win");
  assert.deepEqual(ext.withLogLevel(["--log-level=info"], level("error")), ["--log-level=info"]);
  await shutdown(ext, context);
});

check("findExecutable: PATH lookup, full paths, ~, non-executables", () => {
  const world = newWorld();
  const { findExecutable } = load(world);
  const env = { PATH: [emptyDir, binDir].join(":") };
  assert.equal(findExecutable("goenv-lsp", env, "linux"), serverExe);
  assert.equal(findExecutable("goenv-lsp", { PATH: emptyDir }, "linux"), undefined);
  assert.equal(findExecutable(serverExe, { PATH: "" }, "linux"), serverExe);
  assert.equal(findExecutable("~/bin/goenv-lsp", { PATH: "" }, "linux", tmp), serverExe);
  makeExecutable(emptyDir, "not-executable", 0o644);
  assert.equal(findExecutable("not-executable", { PATH: emptyDir }, "linux"), undefined);
  assert.equal(findExecutable(binDir, { PATH: "" }, "linux"), undefined, "a directory is not an executable");
  assert.equal(findExecutable("  ", env, "linux"), undefined);
});

runChecks("smoke", checks, () => {
  fs.rmSync(tmp, { recursive: true, force: true });
  if (factsOut) {
    fs.writeFileSync(factsOut, JSON.stringify(facts, null, 2));
  }
});
