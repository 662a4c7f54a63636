-- termsense with nvim-lspconfig (Neovim 0.8 to 0.10): termsense is not in lspconfig's list,
-- so it is defined here once, then set up like any other server.
local lspconfig = require("lspconfig")
local configs = require("lspconfig.configs")

if not configs.termsense then
  configs.termsense = {
    default_config = {
      cmd = { "termsense", "server" },
      filetypes = { "markdown", "text" },
      root_dir = lspconfig.util.root_pattern("termsense.toml", "pyproject.toml", ".git"),
      single_file_support = true,
    },
  }
end

lspconfig.termsense.setup({})
