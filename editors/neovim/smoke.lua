-- Headless check with Neovim's built-in client (0.7 or later, no plugin):
--   nvim --headless --clean -u NONE -c "luafile smoke.lua" FILE.md
-- starts `termsense server` (or $TERMSENSE, a full command), attaches it to the buffer, waits
-- for its diagnostics and prints them, then the code actions at the first one.
local command = vim.env.TERMSENSE and vim.split(vim.env.TERMSENSE, " ") or { "termsense", "server" }
local buffer = vim.api.nvim_get_current_buf()
local id = vim.lsp.start_client({ name = "termsense", cmd = command, root_dir = vim.fn.getcwd() })
vim.lsp.buf_attach_client(buffer, id)

local found = vim.wait(15000, function() return #vim.diagnostic.get(buffer) > 0 end, 50)
if not found then
  io.stdout:write("no diagnostics\n")
  vim.cmd("cquit 1")
end
for _, d in ipairs(vim.diagnostic.get(buffer)) do
  local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
  io.stdout:write(string.format("%d:%d %s %s\n", d.lnum + 1, d.col + 1, code, d.message))
end
local first = vim.diagnostic.get(buffer)[1]
local params = {
  textDocument = { uri = vim.uri_from_bufnr(buffer) },
  range = { start = { line = first.lnum, character = first.col }, ["end"] = { line = first.end_lnum, character = first.end_col } },
  context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(buffer, first.lnum) },
}
local replies = vim.lsp.buf_request_sync(buffer, "textDocument/codeAction", params, 10000)
for _, reply in pairs(replies or {}) do
  for _, action in ipairs(reply.result or {}) do
    io.stdout:write("action: " .. action.title .. "\n")
  end
end
vim.lsp.stop_client(id)
vim.cmd("qall!")
