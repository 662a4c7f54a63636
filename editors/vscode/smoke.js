// Smoke test with VS Code's own protocol library (vscode-languageserver-protocol, which the
// extension's client is built on): start `termsense server`, open a document, print the
// diagnostics and the code actions for the first one. Run after `npm install`:
//   node smoke.js [termsense-command...]
"use strict";

const { spawn } = require("child_process");
const path = require("path");
const { pathToFileURL } = require("url");
const rpc = require("vscode-languageserver-protocol/node");

const [command, ...args] = process.argv.length > 2 ? process.argv.slice(2) : ["termsense", "server"];
const server = spawn(command, args, { stdio: ["pipe", "pipe", "inherit"] });
const connection = rpc.createProtocolConnection(
  new rpc.StreamMessageReader(server.stdout),
  new rpc.StreamMessageWriter(server.stdin),
);
const uri = pathToFileURL(path.join(process.cwd(), "smoke.md")).href;
const text = "# Fees\n\nOur customers receive a written update from their solicitor after every court hearing.\n";

connection.onNotification(rpc.PublishDiagnosticsNotification.type, async (params) => {
  if (params.uri !== uri) return;
  for (const d of params.diagnostics) {
    console.log(`${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code} ${d.message}`);
  }
  const actions = await connection.sendRequest(rpc.CodeActionRequest.type, {
    textDocument: { uri },
    range: params.diagnostics[0].range,
    context: { diagnostics: params.diagnostics },
  });
  console.log(actions.map((a) => `action: ${a.title}${a.isPreferred ? " (preferred)" : ""}`).join("\n"));
  await connection.sendRequest(rpc.ShutdownRequest.type);
  await connection.sendNotification(rpc.ExitNotification.type);
});
connection.listen();

(async () => {
  const result = await connection.sendRequest(rpc.InitializeRequest.type, {
    processId: process.pid,
    rootUri: pathToFileURL(process.cwd()).href,
    capabilities: { workspace: { workspaceEdit: { documentChanges: true } } },
  });
  console.log(`server: ${result.serverInfo.name} ${result.serverInfo.version}`);
  await connection.sendNotification(rpc.InitializedNotification.type, {});
  await connection.sendNotification(rpc.DidOpenTextDocumentNotification.type, {
    textDocument: { uri, languageId: "markdown", version: 1, text },
  });
})();
server.on("exit", (code) => process.exit(code ?? 1));
