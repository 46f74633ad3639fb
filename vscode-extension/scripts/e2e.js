#!/usr/bin/env node
// End to end without VS Code: the bundled extension, the real vscode-languageclient inside it, and the real
// goenv-lsp server, with the stub `vscode` module of stub-vscode.js standing in for the editor.
//   node scripts/e2e.js dist/extension.js WORKSPACE USER_GO SERVER_COMMAND [SERVER_ARGS...]
// WORKSPACE has a .vscode/settings.json whose go.goroot points inside it (a go that must not run until the
// workspace is trusted); USER_GO is a go binary outside it, given as the user-level go.alternateTools.go
// (which only the extension can tell the server). The server runs as SERVER_COMMAND SERVER_ARGS... --stdio.
"use strict";

const assert = require("node:assert/strict");
const path = require("node:path");
const { currentVscode, fakeContext, load, newWorld, runChecks, shutdown, waitFor } = require("./stub-vscode");

const [bundleArg, workspace, userGo, command, ...args] = process.argv.slice(2);
if (!command) {
  console.error("usage: node scripts/e2e.js dist/extension.js WORKSPACE USER_GO SERVER_COMMAND [SERVER_ARGS...]");
  process.exit(2);
}
const bundle = path.resolve(bundleArg);
const TIMEOUT = Number(process.env.GOENV_E2E_TIMEOUT_MS || 30000);

const world = newWorld({
  folders: [workspace],
  activeFile: `file://${path.join(workspace, "go.mod")}`,
  user: {
    "goenv.server.command": command,
    "goenv.server.args": args,
    "go.alternateTools": { go: userGo },
  },
});
const ext = load(bundle, world);
const context = fakeContext();
const vscode = () => currentVscode();

const codes = () =>
  [...world.diagnostics.values()].flat().map((d) => (typeof d.code === "object" ? d.code.value : d.code));
const settingsProblems = () => world.messages.filter((m) => m.message.includes("goenv-lsp settings"));

async function report() {
  const before = world.executed.filter((e) => e[0] === "markdown.showPreview").length;
  await vscode().commands.executeCommand("goenv.report");
  const previews = world.executed.filter((e) => e[0] === "markdown.showPreview");
  assert.equal(previews.length, before + 1, "the report opened as a markdown preview");
  const uri = previews.at(-1)[1];
  return world.providers.get(uri.scheme).provideTextDocumentContent(uri);
}

const checks = [];
const check = (name, fn) => checks.push({ name, fn });

check("activate() starts goenv-lsp through the real LanguageClient", async () => {
  await ext.activate(context);
  assert.deepEqual(world.messages.filter((m) => m.kind === "error"), []);
  // languageclient registered the server's commands (goenv.refresh and goenv.report among them)
  for (const id of ["goenv.refresh", "goenv.report", "goenv.explain", "goenv.ignore", "goenv.restartServer"]) {
    assert.ok(world.commands.has(id), `command ${id}`);
  }
});

check("untrusted: diagnostics arrive, the workspace's go is not run (GE003)", async () => {
  await waitFor(() => codes().includes("GE003"), "a GE003 diagnostic", TIMEOUT);
  const settingsUri = `file://${path.join(workspace, ".vscode", "settings.json")}`;
  const onSettings = world.diagnostics.get(settingsUri) || [];
  assert.ok(onSettings.some((d) => d.code.value === "GE003"), JSON.stringify([...world.diagnostics.keys()]));
  assert.equal(onSettings.find((d) => d.code.value === "GE003").source, "goenv-lsp");
});

check("the server accepted the settings (no 'goenv-lsp settings' message)", async () => {
  assert.deepEqual(settingsProblems(), []);
});

check("goenv.report: markdown preview; the user-level go.alternateTools reached the server", async () => {
  const markdown = await report();
  assert.ok(markdown.startsWith("# Go environment of"), markdown.slice(0, 200));
  const userRow = markdown.split("\n").find((line) => line.includes(path.basename(path.dirname(userGo))) && line.includes("go.alternateTools.go"));
  assert.ok(userRow, `a row for ${userGo} found through go.alternateTools.go in:\n${markdown}`);
  const workspaceRow = markdown.split("\n").find((line) => line.includes("go.goroot") && line.startsWith("|"));
  assert.ok(workspaceRow && workspaceRow.includes("skipped"), `the workspace go is skipped:\n${markdown}`);
});

check("trust granted: the settings are re-sent and the workspace's go is probed", async () => {
  world.isTrusted = true;
  world.trustGranted.fire();
  await waitFor(() => !codes().includes("GE003"), "GE003 to go away", TIMEOUT);
  const markdown = await report();
  const workspaceRow = markdown.split("\n").find((line) => line.includes("go.goroot") && line.startsWith("|"));
  assert.ok(workspaceRow && !workspaceRow.includes("skipped"), `the workspace go was run:\n${markdown}`);
});

check("goenv.refresh: re-checks and says how many problems", async () => {
  const before = world.messages.length;
  await vscode().commands.executeCommand("goenv.refresh");
  const said = world.messages.slice(before).find((m) => m.kind === "info");
  assert.ok(said && /goenv-lsp: (no Go environment problems|\d+ Go environment problems? found)/.test(said.message),
    JSON.stringify(world.messages.slice(before)));
});

check("a bad goenv.* value: pulled through the middleware, reported by the server", async () => {
  world.workspace["goenv.probeTimeout"] = 0;
  world.configurationChanged.fire({ affectsConfiguration: (s) => s === "goenv" || s === "goenv.probeTimeout" });
  await waitFor(() => settingsProblems().length > 0, "the server's settings message", TIMEOUT);
  const { message } = settingsProblems()[0];
  assert.ok(message.includes("probeTimeout"), message);
  assert.ok(!message.includes("server") && !message.includes("trace"), `client-only keys leaked: ${message}`);
});

check("the server's log reaches the output channel at its own levels", async () => {
  const lines = world.channels[0].lines;
  assert.ok(lines.some((l) => l.startsWith("info: ")), lines.slice(0, 5).join("\n"));
  assert.deepEqual(lines.filter((l) => /^error: .*\bINFO\b/.test(l)), []);
});

check("deactivate() stops the server", async () => {
  await shutdown(ext, context);
  assert.ok(!world.commands.has("goenv.report"), "languageclient unregistered the server's commands");
});

runChecks("e2e", checks);
