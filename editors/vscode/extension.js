// termsense for VS Code: starts `termsense server` and hands it Markdown, MDX and plain-text
// documents. Everything else (diagnostics, quick fixes, fix-all, hover) is the server's.
"use strict";

const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

async function activate(context) {
  const [command, ...args] = vscode.workspace.getConfiguration("termsense").get("command");
  client = new LanguageClient(
    "termsense",
    "termsense",
    { command, args },
    {
      documentSelector: [
        { language: "markdown" },
        { language: "mdx" },
        { language: "plaintext" },
      ],
    },
  );
  context.subscriptions.push(client);
  await client.start();
}

async function deactivate() {
  if (client) {
    await client.stop();
  }
}

module.exports = { activate, deactivate };
