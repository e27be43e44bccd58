//! The cost of a zip writer in WebAssembly: `--features crate` writes with the `zip` crate (stored
//! entries); without it, nothing is zipped (the baseline: the same strings crossing the boundary).
//! ```sh
//! cd benches/zip-wasm
//! cargo build --release --target wasm32-unknown-unknown && cp target/wasm32-unknown-unknown/release/zipexp.wasm base.wasm
//! cargo build --release --target wasm32-unknown-unknown --features crate && cp target/wasm32-unknown-unknown/release/zipexp.wasm crate.wasm
//! # then each: wasm-bindgen --target web --remove-name-section --remove-producers-section, wasm-opt -O2
//! # as scripts/build.sh does, and brotli quality 11 (node scripts/size.mjs's measure)
//! ```
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
pub fn zip_files(names: Vec<String>, contents: Vec<String>) -> Vec<u8> {
    #[cfg(feature = "crate")]
    {
        use std::io::Write;
        let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
        for (n, c) in names.iter().zip(&contents) {
            z.start_file(n.as_str(), opts).unwrap();
            z.write_all(c.as_bytes()).unwrap();
        }
        z.finish().unwrap().into_inner()
    }
    #[cfg(not(feature = "crate"))]
    {
        let mut out = Vec::new();
        for (n, c) in names.iter().zip(&contents) {
            out.extend_from_slice(n.as_bytes());
            out.extend_from_slice(c.as_bytes());
        }
        out
    }
}
