//! The JSON command `rules-in-force` (`api::COMMANDS`) on any text: see `fuzz_support::command`.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| fuzz_support::command("rules-in-force", data));
