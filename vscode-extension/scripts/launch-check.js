#!/usr/bin/env node
// Checks of how the bundled extension starts its server (src/launch.ts), without VS Code:
//   node scripts/launch-check.js BUNDLE EXTENSION_DIR PYTHON_DIR [facts.json]
// BUNDLE is dist/extension.js, EXTENSION_DIR an extension whose bundled/ holds the server (an unzipped .vsix's
// extension/), PYTHON_DIR a directory with a real `python3` (3.10+) and nothing else. The settings, the
// launch plans (importStrategy, interpreter, path, the Python extension's interpreter, Windows), the real
// launcher's --check with that Python (and with a copy that asks for a newer one), and activate(): the
// LanguageClient's server options, written to facts.json for tests/test_vsix_bundle.py to run.
"use strict";

const assert = require("node:assert/strict");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { load, makeEvent, newWorld, pkg, runChecks, shutdown, waitFor } = require("./stub-vscode");

const [bundleArg, extensionDir, pythonDir, factsOut] = process.argv.slice(2);
if (!pythonDir) {
  console.error("usage: node scripts/launch-check.js BUNDLE EXTENSION_DIR PYTHON_DIR [facts.json]");
  process.exit(2);
}
const bundle = path.resolve(bundleArg);
const bundled = path.join(path.resolve(extensionDir), "bundled");
const launcher = path.join(bundled, "tool", "goenv_lsp_server.py");
const python3 = path.join(path.resolve(pythonDir), "python3");
const facts = {};

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "goenv-launch-check-"));
function dir(...parts) {
  const d = path.join(tmp, ...parts);
  fs.mkdirSync(d, { recursive: true });
  return d;
}
function executable(d, name) {
  const file = path.join(d, name);
  fs.writeFileSync(file, "#!/bin/sh\nexit 0\n");
  fs.chmodSync(file, 0o755);
  return file;
}
const bin = dir("bin");
const fakePython = executable(bin, "python3");
const goenvLsp = executable(bin, "goenv-lsp");
const empty = dir("empty");
// a bundled/ with a launcher and no libs (a development build)
const unbundled = dir("unbundled");
fs.mkdirSync(path.join(unbundled, "tool"));
fs.copyFileSync(launcher, path.join(unbundled, "tool", "goenv_lsp_server.py"));

const ext = load(bundle, newWorld());
const settings = (overrides = {}) => ({ importStrategy: "useBundled", interpreter: [], path: [], args: [], ...overrides });
const plan = (overrides, context = {}) =>
  ext.launchPlan(settings(overrides), { env: { PATH: bin }, platform: "linux", bundledDir: bundled, ...context });

const checks = [];
const check = (name, fn) => checks.push({ name, fn });

check("package.json: the launch settings, machine-scoped and restricted in untrusted workspaces", () => {
  const props = pkg.contributes.configuration.properties;
  const strategy = props["goenv.server.importStrategy"];
  assert.deepEqual(strategy.enum, ["useBundled", "fromEnvironment"]);
  assert.equal(strategy.default, "useBundled");
  assert.equal(strategy.enumDescriptions.length, 2);
  for (const key of ["goenv.server.interpreter", "goenv.server.path", "goenv.server.args"]) {
    assert.equal(props[key].type, "array", key);
    assert.deepEqual(props[key].default, [], key);
  }
  // goenv.server.logLevel only says how much the server logs: not a launch setting
  const launchKeys = Object.keys(props).filter((key) => key.startsWith("goenv.server.") && key !== "goenv.server.logLevel");
  assert.deepEqual(launchKeys.sort(), ["goenv.server.args", "goenv.server.command", "goenv.server.importStrategy",
    "goenv.server.interpreter", "goenv.server.path"]);
  for (const key of launchKeys) {
    assert.equal(props[key].scope, "machine", key);
    assert.ok(props[key].markdownDescription || props[key].description, key);
  }
  assert.deepEqual([...pkg.capabilities.untrustedWorkspaces.restrictedConfigurations].sort(), launchKeys.sort());
  assert.ok(props["goenv.server.command"].markdownDeprecationMessage.includes("goenv.server.path"));
});

check("launchSettingsFrom: defaults, the deprecated command as a path, junk dropped", () => {
  const config = (values) => ({ get: (key, fallback) => (key in values ? values[key] : fallback) });
  assert.deepEqual(ext.launchSettingsFrom(config({})), settings());
  assert.deepEqual(ext.launchSettingsFrom(config({ "server.command": " /opt/goenv-lsp " })).path, ["/opt/goenv-lsp"]);
  assert.deepEqual(ext.launchSettingsFrom(config({ "server.command": "a", "server.path": ["b", "-v"] })).path, ["b", "-v"]);
  const odd = ext.launchSettingsFrom(config({ "server.importStrategy": "sideways", "server.interpreter": [1, "", "py"],
    "server.args": "x" }));
  assert.deepEqual(odd, settings({ interpreter: ["py"] }));
  assert.equal(ext.launchSettingsFrom(config({ "server.importStrategy": "fromEnvironment" })).importStrategy,
    "fromEnvironment");
});

check("launchPlan: useBundled with python3 from PATH runs the bundled launcher", () => {
  const result = plan({ args: ["--log-level", "info"] });
  assert.equal(result.ok, true, result.message);
  assert.deepEqual(result.launch, {
    command: fakePython,
    args: [launcher, "--log-level", "info"],
    env: { GOENV_LSP_IMPORT_STRATEGY: "useBundled" },
    source: "useBundled, Python from PATH",
    checkArgs: [launcher, "--check"],
  });
});

check("launchPlan: goenv.server.interpreter, then the Python extension's, then PATH", () => {
  const other = executable(dir("other"), "python3.12");
  const set = plan({ interpreter: [other, "-X", "utf8"] }, { pythonFromExtension: ["/ext/python"] });
  assert.equal(set.launch.command, other);
  assert.deepEqual(set.launch.args, ["-X", "utf8", launcher]);
  assert.deepEqual(set.launch.checkArgs, ["-X", "utf8", launcher, "--check"]);
  const fromExtension = plan({}, { pythonFromExtension: ["/ext/conda", "run", "python"] });
  assert.equal(fromExtension.launch.command, "/ext/conda");
  assert.deepEqual(fromExtension.launch.args, ["run", "python", launcher]);
  assert.equal(fromExtension.launch.source, "useBundled, Python from the Python extension");
  const missing = plan({ interpreter: ["python3.99"] });
  assert.equal(missing.ok, false);
  assert.ok(missing.message.includes('"python3.99" of "goenv.server.interpreter" was not found on PATH'), missing.message);
});

check("launchPlan: no Python anywhere says so, with what to do", () => {
  const result = plan({}, { env: { PATH: empty } });
  assert.equal(result.ok, false);
  for (const part of ["Python 3.10 or newer", '"python3"', "goenv.server.interpreter", "goenv.server.path"]) {
    assert.ok(result.message.includes(part), `${part} in ${result.message}`);
  }
});

check("launchPlan: Windows looks for python, not python3", () => {
  const asked = [];
  const find = (name) => (asked.push(name), name === "python" ? "C:\\Python312\\python.exe" : undefined);
  const result = plan({}, { platform: "win32", find });
  assert.equal(result.ok, true, result.message);
  assert.equal(result.launch.command, "C:\\Python312\\python.exe");
  assert.deepEqual(asked, ["python"]);
});

check("launchPlan: goenv.server.path replaces the bundled server (no Python check)", () => {
  const result = plan({ path: ["goenv-lsp", "--log-level", "debug"], args: ["--log-file", "/tmp/x.log"],
    importStrategy: "fromEnvironment" });
  assert.deepEqual(result.launch, {
    command: goenvLsp, args: ["--log-level", "debug", "--log-file", "/tmp/x.log"], env: {}, source: "goenv.server.path",
  });
  assert.equal(plan({ path: [goenvLsp] }).launch.command, goenvLsp);
  const missing = plan({ path: ["/nowhere/goenv-lsp"] });
  assert.equal(missing.ok, false);
  assert.ok(missing.message.includes('"/nowhere/goenv-lsp" from "goenv.server.path" was not found.'), missing.message);
});

check("launchPlan: without bundled libs, useBundled refuses and fromEnvironment runs the launcher", () => {
  const refused = plan({}, { bundledDir: unbundled });
  assert.equal(refused.ok, false);
  assert.ok(refused.message.includes("no bundled server") && refused.message.includes("fromEnvironment"), refused.message);
  const fromEnvironment = plan({ importStrategy: "fromEnvironment" }, { bundledDir: unbundled });
  assert.equal(fromEnvironment.ok, true, fromEnvironment.message);
  assert.deepEqual(fromEnvironment.launch.env, { GOENV_LSP_IMPORT_STRATEGY: "fromEnvironment" });
  const noLauncher = plan({}, { bundledDir: empty });
  assert.equal(noLauncher.ok, false);
  assert.ok(noLauncher.message.includes("no server launcher"), noLauncher.message);
});

check("pythonFromExtension: environments API, execution details, untrusted workspace venvs", async () => {
  const uri = (fsPath) => ({ fsPath });
  const environments = (exe) => ({
    environments: {
      getActiveEnvironmentPath: () => ({ id: "x", path: exe }),
      resolveEnvironment: async (env) => ({ executable: { uri: uri(env.path) } }),
    },
  });
  const active = (exports) => ({ isActive: true, exports, activate: async () => exports });
  assert.equal(await ext.pythonFromExtension(undefined, undefined, true, []), undefined);
  assert.deepEqual(await ext.pythonFromExtension(active(environments("/usr/bin/python3.12")), undefined, false, ["/ws"]),
    ["/usr/bin/python3.12"]);
  let activated = 0;
  const inactive = { isActive: false, exports: undefined, activate: async () => { activated += 1; return environments("/p"); } };
  assert.deepEqual(await ext.pythonFromExtension(inactive, undefined, true, []), ["/p"]);
  assert.equal(activated, 1);
  const older = active({ settings: { getExecutionDetails: () => ({ execCommand: ["/opt/conda", "run", "python"] }) } });
  assert.deepEqual(await ext.pythonFromExtension(older, undefined, true, []), ["/opt/conda", "run", "python"]);
  const venv = active(environments("/ws/.venv/bin/python"));
  assert.equal(await ext.pythonFromExtension(venv, undefined, false, ["/ws"]), undefined, "untrusted: not the workspace's");
  assert.deepEqual(await ext.pythonFromExtension(venv, undefined, true, ["/ws"]), ["/ws/.venv/bin/python"]);
  const broken = { isActive: false, exports: undefined, activate: async () => { throw new Error("no"); } };
  assert.equal(await ext.pythonFromExtension(broken, undefined, true, []), undefined);
  assert.equal(await ext.pythonFromExtension(active({}), undefined, true, []), undefined);
});

check("onPythonChange: the Python extension's interpreter events", async () => {
  const changed = makeEvent();
  let calls = 0;
  const api = { environments: { onDidChangeActiveEnvironmentPath: changed } };
  const watch = await ext.onPythonChange({ isActive: true, exports: api, activate: async () => api }, () => (calls += 1));
  changed.fire({ id: "x", path: "/p" });
  assert.equal(calls, 1);
  watch.dispose();
  changed.fire({ id: "y", path: "/q" });
  assert.equal(calls, 1);
  const older = { settings: { onDidChangeExecutionDetails: changed } };
  assert.ok(await ext.onPythonChange({ isActive: true, exports: older, activate: async () => older }, () => {}));
  assert.equal(await ext.onPythonChange(undefined, () => {}), undefined);
  assert.equal(await ext.onPythonChange({ isActive: true, exports: {}, activate: async () => ({}) }, () => {}), undefined);
});

check("checkLaunch: the real launcher with the real Python reports what will run", async () => {
  const result = plan({}, { env: { PATH: pythonDir } });
  assert.equal(result.ok, true, result.message);
  assert.equal(result.launch.command, python3);
  const checked = await ext.checkLaunch(result.launch, undefined, { PATH: pythonDir });
  assert.equal(checked.ok, true, checked.message);
  assert.equal(checked.facts.bundled, true);
  assert.ok(checked.facts.location.startsWith(bundled), checked.facts.location);
  facts.check = checked.facts;
  assert.deepEqual(await ext.checkLaunch({ command: goenvLsp, args: [], env: {}, source: "goenv.server.path" }), { ok: true });
});

check("checkLaunch: a Python older than the launcher's minimum is refused in words", async () => {
  // The launcher's own check, run by the real Python: a copy whose minimum is one minor version above it.
  const [major, minor] = facts.check.python.split(".").map(Number);
  const source = fs.readFileSync(launcher, "utf8");
  assert.equal(source.split("MINIMUM = (3, 10)\n").length, 2, "the launcher declares MINIMUM = (3, 10) once");
  const newer = dir("newer", "tool");
  fs.writeFileSync(path.join(newer, "goenv_lsp_server.py"), source.replace("MINIMUM = (3, 10)\n", `MINIMUM = (${major}, ${minor + 1})\n`));
  fs.symlinkSync(path.join(bundled, "libs"), path.join(newer, "..", "libs"));
  const result = plan({}, { env: { PATH: pythonDir }, bundledDir: path.dirname(newer) });
  const checked = await ext.checkLaunch(result.launch, undefined, { PATH: pythonDir });
  assert.equal(checked.ok, false);
  assert.ok(checked.message.startsWith(`goenv-lsp needs Python ${major}.${minor + 1} or newer, but ${python3} is Python ${facts.check.python}.`),
    checked.message);
  facts.refused = checked.message;
  const notPython = await ext.checkLaunch({ ...result.launch, command: path.join(empty, "nothing") });
  assert.equal(notPython.ok, false);
  assert.ok(notPython.message.includes("did not run") && notPython.message.includes("goenv.server.interpreter"), notPython.message);
});

check("activate(): the LanguageClient runs the bundled launcher with python3 from PATH", async () => {
  const world = newWorld();
  const loaded = load(bundle, world);
  loaded.internals.pythonExtension = () => undefined;
  const clients = [];
  loaded.internals.createClient = (id, name, serverOptions) => {
    const client = { serverOptions, onDidChangeState: makeEvent(), start: async () => {}, dispose: async () => {},
      sendNotification: async () => {}, registerFeature: () => {}, onNotification: () => ({ dispose() {} }) };
    clients.push(client);
    return client;
  };
  const context = { subscriptions: [], extensionPath: path.resolve(extensionDir) };
  const savedPath = process.env.PATH;
  process.env.PATH = pythonDir;
  try {
    await loaded.activate(context);
  } finally {
    process.env.PATH = savedPath;
  }
  assert.deepEqual(world.messages.filter((m) => m.kind === "error"), []);
  await waitFor(() => clients.length === 1, "a client");
  const run = clients[0].serverOptions.run;
  assert.equal(run.command, python3);
  assert.deepEqual(run.args, [launcher, "--log-level", "warning"]); // goenv.server.logLevel's default
  assert.equal(run.options.env.GOENV_LSP_IMPORT_STRATEGY, "useBundled");
  const log = world.channels[0].lines ?? [];
  facts.run = { command: run.command, args: run.args, env: { GOENV_LSP_IMPORT_STRATEGY: run.options.env.GOENV_LSP_IMPORT_STRATEGY } };
  facts.log = log;
  await shutdown(loaded, context);
});

check("activate(): the Python extension's interpreter runs the server; selecting another restarts it", async () => {
  const world = newWorld();
  const loaded = load(bundle, world);
  const changed = makeEvent();
  let selected = python3;
  const api = {
    environments: {
      getActiveEnvironmentPath: () => ({ id: selected, path: selected }),
      resolveEnvironment: async (env) => ({ executable: { uri: { fsPath: env.path } } }),
      onDidChangeActiveEnvironmentPath: changed,
    },
  };
  loaded.internals.pythonExtension = () => ({ isActive: true, exports: api, activate: async () => api });
  const clients = [];
  loaded.internals.createClient = (id, name, serverOptions) => {
    const client = { serverOptions, onDidChangeState: makeEvent(), start: async () => {}, dispose: async () => {},
      sendNotification: async () => {}, registerFeature: () => {}, onNotification: () => ({ dispose() {} }) };
    clients.push(client);
    return client;
  };
  const context = { subscriptions: [], extensionPath: path.resolve(extensionDir) };
  const savedPath = process.env.PATH;
  process.env.PATH = empty; // no python3 on PATH: only the Python extension's
  try {
    await loaded.activate(context);
    assert.deepEqual(world.messages.filter((m) => m.kind === "error"), []);
    assert.equal(clients.length, 1);
    assert.equal(clients[0].serverOptions.run.command, python3);
    assert.ok(world.channels[0].lines.some((l) => l.includes("Python from the Python extension")), world.channels[0].lines);
    selected = path.join(pythonDir, "python"); // the same venv's other name: a different command line
    changed.fire({ id: selected, path: selected });
    await waitFor(() => clients.length === 2, "a restart for the new interpreter", 20000);
    assert.equal(clients[1].serverOptions.run.command, selected);
  } finally {
    process.env.PATH = savedPath;
  }
  await shutdown(loaded, context);
});

check("activate(): a Python older than the launcher's minimum stops before the client, in the launcher's words", async () => {
  // an extension whose bundled/ is the copy above (minimum one minor version above the real Python)
  const extension = dir("old-python-extension");
  fs.symlinkSync(path.join(tmp, "newer"), path.join(extension, "bundled"));
  const world = newWorld();
  const loaded = load(bundle, world);
  loaded.internals.pythonExtension = () => undefined;
  let created = 0;
  loaded.internals.createClient = () => {
    created += 1;
    throw new Error("must not be created");
  };
  const context = { subscriptions: [], extensionPath: extension };
  const savedPath = process.env.PATH;
  process.env.PATH = pythonDir;
  try {
    await loaded.activate(context);
  } finally {
    process.env.PATH = savedPath;
  }
  assert.equal(created, 0);
  const errors = world.messages.filter((m) => m.kind === "error");
  assert.equal(errors.length, 1, JSON.stringify(world.messages));
  assert.ok(errors[0].message.startsWith(facts.refused), errors[0].message);
  assert.ok(world.commands.has("goenv.refresh"), "fallback commands while no server runs");
  await shutdown(loaded, context);
});

runChecks("launch", checks, () => {
  fs.rmSync(tmp, { recursive: true, force: true });
  if (factsOut) {
    fs.writeFileSync(factsOut, JSON.stringify(facts, null, 2));
  }
});
