//! The JSON command `payment-points-batch` (`api::COMMANDS`) on any text: see `fuzz_support::command`.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| fuzz_support::command("payment-points-batch", data));
