#!/usr/bin/env node
// End to end without VS Code: the bundled extension, the real vscode-languageclient inside it, and the real
// goenv-lsp server, with the stub `vscode` module of stub-vscode.js standing in for the editor.
//   node scripts/e2e.js dist/extension.js WORKSPACE USER_GO SERVER_COMMAND [SERVER_ARGS...]
// WORKSPACE has a .vscode/settings.json whose go.goroot points inside it (a go that must not run until the
// workspace is trusted); USER_GO is a go binary outside it, given as the user-level go.alternateTools.go
// (which only the extension can tell the server). The server runs as SERVER_COMMAND SERVER_ARGS... --stdio.
//
//   node scripts/e2e.js dist/extension.js status WORKSPACE EXPECTED_JSON SERVER_COMMAND [SERVER_ARGS...]
// The status bar item: the server's goenv/status notification arrives (the extension announces
// experimental.goenvStatus) and the item shows EXPECTED_JSON's `text`, its tooltip a line per code in `codes`;
// its click opens the report; at the default goenv.server.logLevel (warning) the server logs no INFO line.
"use strict";

const assert = require("node:assert/strict");
const path = require("node:path");
const { currentVscode, fakeContext, load, newWorld, runChecks, shutdown, waitFor } = require("./stub-vscode");

const argv = process.argv.slice(2);
const statusMode = argv[1] === "status";
const [bundleArg, workspace, second, command, ...args] = statusMode ? [argv[0], ...argv.slice(2)] : argv;
if (!command) {
  console.error("usage: node scripts/e2e.js dist/extension.js WORKSPACE USER_GO SERVER_COMMAND [SERVER_ARGS...]\n" +
    "       node scripts/e2e.js dist/extension.js status WORKSPACE EXPECTED_JSON SERVER_COMMAND [SERVER_ARGS...]");
  process.exit(2);
}
const bundle = path.resolve(bundleArg);
const TIMEOUT = Number(process.env.GOENV_E2E_TIMEOUT_MS || 30000);

const world = newWorld({
  folders: [workspace],
  activeFile: `file://${path.join(workspace, "go.mod")}`,
  user: statusMode
    ? { "goenv.server.command": command, "goenv.server.args": args }
    : {
        "goenv.server.command": command,
        "goenv.server.args": args,
        "goenv.server.logLevel": "info", // the log check below needs the server's INFO lines
        "go.alternateTools": { go: second },
      },
});
const userGo = second;
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
const serverInfoLines = () => world.channels[0].lines.filter((l) => /^info: goenv_lsp\./.test(l));

if (statusMode) {
  const expected = JSON.parse(second);
  const item = () => world.statusItems[0];

  check("activate(): the status item shows while the server starts", async () => {
    await ext.activate(context);
    assert.deepEqual(world.messages.filter((m) => m.kind === "error"), []);
    assert.equal(world.statusItems.length, 1);
    assert.ok(item().visible);
    assert.equal(item().texts[0], "$(loading~spin) Go env: starting", JSON.stringify(item().texts));
  });

  check(`goenv/status arrives: the item says ${JSON.stringify(expected.text)}`, async () => {
    await waitFor(() => item().text === expected.text, `the status item to say ${expected.text}`, TIMEOUT);
    assert.ok(item().texts.includes("$(loading~spin) Go env: checking"), JSON.stringify(item().texts));
    const tooltip = item().tooltip.value;
    for (const code of expected.codes) {
      assert.ok(tooltip.includes(`\n- ${code} `), `${code} in the tooltip:\n${tooltip}`);
    }
    assert.equal((tooltip.match(/\n- GE\d+ /g) || []).length, expected.codes.length, tooltip);
  });

  check("a click on the item opens the environment report of the folder", async () => {
    assert.equal(item().command, "goenv.report");
    await vscode().commands.executeCommand(item().command);
    const preview = world.executed.filter((e) => e[0] === "markdown.showPreview").at(-1);
    assert.ok(preview, JSON.stringify(world.executed));
    const markdown = world.providers.get(preview[1].scheme).provideTextDocumentContent(preview[1]);
    assert.ok(markdown.startsWith(`# Go environment of \`${workspace}\``), markdown.slice(0, 200));
  });

  check("goenv.server.logLevel warning (the default): no INFO lines from the server", async () => {
    assert.deepEqual(serverInfoLines(), []);
  });

  check("deactivate() stops the server and removes the item", async () => {
    await shutdown(ext, context);
    assert.ok(item().disposed);
  });
}

if (!statusMode) {
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

  check("the server's log reaches the output channel at its own levels (goenv.server.logLevel info)", async () => {
    const lines = world.channels[0].lines;
    assert.ok(serverInfoLines().length > 0, lines.slice(0, 5).join("\n"));
    assert.deepEqual(lines.filter((l) => /^error: .*\bINFO\b/.test(l)), []);
  });

  check("deactivate() stops the server", async () => {
    await shutdown(ext, context);
    assert.ok(!world.commands.has("goenv.report"), "languageclient unregistered the server's commands");
  });
}

runChecks("e2e", checks);
