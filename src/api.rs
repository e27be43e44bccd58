//! The JSON API: one table of commands, each a function from a JSON text to a JSON text.
//! The CLI (`yibao-credit NAME`) and the JS API (`binding.rs`) both call through this table, so
//! the same input gives the same bytes out natively and in WebAssembly.

use crate::error::{Error, Result};
use serde::{de::DeserializeOwned, Serialize};

/// A command of the JSON API: JSON text in, JSON text out.
pub type Command = fn(&str) -> Result<String>;

/// Every command, by the name the CLI and the JS API use.
pub const COMMANDS: &[(&str, Command)] = &[
    // (name, function) — keep sorted by name.
    ("calendar-month", crate::calendar::cmd_month),
    ("deadline", crate::deadline::cmd_deadline),
    ("deadline-kinds", crate::deadline::cmd_kinds),
    ("timeline", crate::timeline::cmd_timeline),
    ("workday", crate::calendar::cmd_workday),
];

/// Runs the command `name` on the JSON text `input`.
pub fn call(name: &str, input: &str) -> Result<String> {
    match COMMANDS.iter().find(|(n, _)| *n == name) {
        Some((_, f)) => f(input),
        None => Err(Error::new(
            "E_UNKNOWN_COMMAND",
            format!("没有名为“{name}”的命令"),
            format!("there is no command named \"{name}\""),
        )),
    }
}

/// Largest JSON input any command accepts (bytes): larger inputs are refused with a message.
pub const MAX_INPUT_BYTES: usize = 8 * 1024 * 1024;

/// Reads `input` as `I`, runs `f`, writes the result as compact JSON.
pub fn json_command<I: DeserializeOwned, O: Serialize>(input: &str, f: impl FnOnce(I) -> Result<O>) -> Result<String> {
    let i: I = parse_input(input)?;
    to_json(&f(i)?)
}

/// Reads a JSON input, with the size limit and a bilingual error.
pub fn parse_input<I: DeserializeOwned>(input: &str) -> Result<I> {
    if input.len() > MAX_INPUT_BYTES {
        return Err(Error::new(
            "E_INPUT_TOO_LARGE",
            format!("输入过大（{} 字节），上限为 {} 字节", input.len(), MAX_INPUT_BYTES),
            format!("input too large ({} bytes); the limit is {} bytes", input.len(), MAX_INPUT_BYTES),
        ));
    }
    serde_json::from_str(input).map_err(|e| Error::bad_json("输入", "Input", &e))
}

/// Compact JSON of a result.
pub fn to_json<O: Serialize>(o: &O) -> Result<String> {
    serde_json::to_string(o).map_err(|e| Error::new("E_INTERNAL", format!("内部错误：{e}"), format!("internal error: {e}")))
}
