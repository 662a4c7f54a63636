//! termsense for Zed: Zed adds a language server only through an extension, and this one
//! only finds `termsense` on the worktree's PATH and starts `termsense server`.

use zed_extension_api::{self as zed, LanguageServerId, Result};

struct Termsense;

impl zed::Extension for Termsense {
    fn new() -> Self {
        Termsense
    }

    fn language_server_command(&mut self, _id: &LanguageServerId, worktree: &zed::Worktree) -> Result<zed::Command> {
        let command = worktree
            .which("termsense")
            .ok_or_else(|| "termsense is not on PATH: pip install 'termsense[lsp]'".to_string())?;
        Ok(zed::Command { command, args: vec!["server".into()], env: worktree.shell_env() })
    }
}

zed::register_extension!(Termsense);
