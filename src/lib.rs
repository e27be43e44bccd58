//! yibao-credit: an offline evaluator of medical-insurance (医保) credit rules.
//!
//! 依据：《汕尾市医疗保障信用管理办法（试行）》（2022-12-15 施行）and the national rules mapped in
//! `DOMAIN.md`. The core is plain Rust: it never reads the clock ("today" is always an argument)
//! and has no JavaScript types; `binding` is the only module that speaks to JavaScript.

#[cfg(all(not(target_arch = "wasm32"), feature = "tools"))]
pub mod api;
#[cfg(any(feature = "tools", feature = "excel"))]
pub mod batch;
#[cfg(feature = "tools")]
pub mod calendar;
pub mod dates;
#[cfg(feature = "tools")]
pub mod deadline;
#[cfg(feature = "tools")]
pub mod diff_rules;
pub mod error;
#[cfg(feature = "excel")]
pub mod excel;
pub mod evaluate;
pub mod explain;
#[cfg(feature = "tools")]
pub mod forms;
#[cfg(feature = "tools")]
pub mod payment_points;
pub mod plan;
pub mod points;
#[cfg(feature = "tools")]
pub mod points_batch;
#[cfg(feature = "tools")]
pub mod publish;
#[cfg(feature = "tools")]
pub mod repair;
pub mod rules;
pub mod sha256;
pub mod sort;
#[cfg(feature = "tools")]
pub mod statutory;
pub mod ident;
pub mod law;
pub mod text;
#[cfg(feature = "tools")]
pub mod timeline;
pub mod value;

#[cfg(target_arch = "wasm32")]
pub mod binding;

pub use error::{Error, Result};
