//! The JSON command `compile-rules` (`api::COMMANDS`) on any text: see `fuzz_support::command`.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| fuzz_support::command("compile-rules", data));
