//! `yibao-credit`: the command line (native only; the WebAssembly build has the JS API instead).
#[cfg(not(target_arch = "wasm32"))]
include!("../cli.rs");

#[cfg(target_arch = "wasm32")]
fn main() {}
