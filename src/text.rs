//! Bilingual text: every label the rules and results carry has a Chinese and an English form.

use serde::{Deserialize, Serialize};

/// A label in Chinese (`zh`, required, shown first) and English (`en`, optional in rule files:
/// when missing the Chinese is shown).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Text {
    pub zh: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub en: String,
}

impl Text {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Self {
        Text { zh: zh.into(), en: en.into() }
    }
}
