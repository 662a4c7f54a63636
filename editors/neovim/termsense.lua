-- termsense in Neovim 0.11 or later, with no plugin: put this file in ~/.config/nvim/lsp/
-- (then call vim.lsp.enable("termsense") from init.lua), or paste the call below into init.lua.
vim.lsp.config("termsense", {
  cmd = { "termsense", "server" },
  filetypes = { "markdown", "text" },
  root_markers = { "termsense.toml", "pyproject.toml", ".git" },
})
vim.lsp.enable("termsense")
