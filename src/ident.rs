//! 代码校验 / Code check: 统一社会信用代码 (GB 32100-2015, with the embedded organisation code of
//! GB 11714-1997), 居民身份证号码 (GB 11643-1999, and the 15-digit numbers of GB 11643-1989), and
//! the duplicate finder for the 重复赋码 / 一码多赋 clean-up (秦皇岛市医疗保障局整改工作方案，2023).
//!
//! Every check returns a [`CodeCheck`] — a verdict, never an `Err`: an invalid code is an answer.
//! Only a malformed request (unknown `kind`, bad `today`) is an [`Error`].
//!
//! Choices made here (documented so that callers can rely on them):
//! - Surrounding whitespace (half- and full-width) is trimmed; anything else that had to be
//!   changed to read the code (full-width characters, lowercase letters of a 统一社会信用代码) makes
//!   it invalid, with a message giving the corrected form, which is also in `normalized`.
//! - For a 身份证号码 a lowercase `x` as check character is accepted with a warning (it is a very
//!   common way of typing it and is unambiguous); `normalized` has `X`.
//! - For a 统一社会信用代码 the check character (position 18, GB 32100-2015 第5章) is the verdict.
//!   Positions 9–17 are the organisation code of GB 11714-1997 and carry their own check
//!   character (position 17); an inconsistent one is reported in `details.orgCode.valid` and as
//!   the warning `W_USCC_ORG_CHECK`, not as an error: codes issued since 2015 to entities that
//!   never had an old organisation code are assigned by the registration system, and the
//!   standard's own verdict on the whole code is the position-18 check.
//! - Registering authority / entity type / region that are not in the built-in tables give
//!   warnings, not errors (the tables are extended over time; the check character is the rule).
//! - Inputs longer than [`MAX_CODE_CHARS`] characters are refused (error `E_CODE_TOO_LONG`) and
//!   echoed cut to that length.

use crate::dates;
use crate::error::{Error, Result};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Longest input examined, in characters: longer inputs get the single error `E_CODE_TOO_LONG`.
/// 依据：GB 32100-2015 第4章（18 位）、GB 11643-1999 第4章（18 位）; 64 leaves room for spaces.
pub const MAX_CODE_CHARS: usize = 64;

/// The 31 characters of a 统一社会信用代码, in order of their value 0–30 (no I, O, Z, S, V).
/// 依据：GB 32100-2015 第5章、附录B。
pub const USCC_ALPHABET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/// Weights of positions 1–17 of a 统一社会信用代码: 3^(i−1) mod 31.
/// 依据：GB 32100-2015 附录B（校验码计算）。
pub const USCC_WEIGHTS: [u32; 17] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/// Weights of the 8 body characters of an organisation code.
/// 依据：GB 11714-1997 第5章（校验码）。
pub const ORG_WEIGHTS: [u32; 8] = [3, 7, 9, 10, 5, 8, 4, 2];

/// Weights of positions 1–17 of a 居民身份证号码: 2^(18−i) mod 11 (ISO 7064 MOD 11-2).
/// 依据：GB 11643-1999 第7章（校验码）。
pub const ID_WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/// Check character of a 居民身份证号码 by Σ mod 11. 依据：GB 11643-1999 第7章。
pub const ID_CHECK_CHARS: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];

/// Earliest birth date accepted in a 居民身份证号码 (an earlier one is a typing mistake).
/// 依据：GB 11643-1999 第4.2条（出生日期码）。
pub const ID_MIN_BIRTH: (i32, u32, u32) = (1900, 1, 1);

// ---------------------------------------------------------------------------------------------
// Result types
// ---------------------------------------------------------------------------------------------

/// Which kind of code is checked: `uscc` (统一社会信用代码, GB 32100-2015) or `id`
/// (居民身份证号码, GB 11643-1999).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "lowercase")]
#[cfg_attr(target_arch = "wasm32", tsify(rename = "CodeKind"))]
pub enum Kind {
    /// 统一社会信用代码。依据：GB 32100-2015。
    Uscc,
    /// 居民身份证号码。依据：GB 11643-1999。
    Id,
}

/// One error or warning about a code: stable `code`, Chinese and English message, and the
/// 1-based character position (in the trimmed input) it is about, if any.
/// 依据：GB 32100-2015 第5章 / GB 11643-1999 第4章 (the positions are those of the standards).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Issue {
    pub code: &'static str,
    pub zh: String,
    pub en: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub position: Option<usize>,
}

impl Issue {
    fn new(code: &'static str, zh: impl Into<String>, en: impl Into<String>, position: Option<usize>) -> Self {
        Issue { code, zh: zh.into(), en: en.into(), position }
    }
}

/// The verdict on one code. `valid` is true exactly when `errors` is empty.
/// 依据：GB 32100-2015 第5章；GB 11643-1999 第4—7章。
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct CodeCheck {
    #[cfg_attr(target_arch = "wasm32", tsify(type = "CodeKind"))]
    pub kind: Kind,
    /// The value as given (cut to [`MAX_CODE_CHARS`] characters when longer).
    pub input: String,
    /// The code trimmed, folded to half-width and uppercase (a 15-digit ID: converted to 18).
    pub normalized: String,
    pub valid: bool,
    pub errors: Vec<Issue>,
    pub warnings: Vec<Issue>,
    pub details: Details,
}

/// What the code says, for the kind checked.
/// 依据：GB 32100-2015 第4章（代码结构）；GB 11643-1999 第4章（号码结构）。
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(untagged)]
pub enum Details {
    Uscc(UsccDetails),
    Id(IdDetails),
}

/// A coded value with its Chinese and English names; `uncertain` when the built-in table entry
/// is from a later amendment or not verified against the published standard text.
/// 依据：GB 32100-2015 表1（登记管理部门代码和机构类别代码）；GB/T 2260（行政区划代码）。
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Named {
    pub code: String,
    pub zh: String,
    pub en: String,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub uncertain: bool,
}

impl Named {
    fn new(code: impl Into<String>, zh: &str, en: &str, uncertain: bool) -> Self {
        Named { code: code.into(), zh: zh.to_string(), en: en.to_string(), uncertain }
    }
}

/// The 6-digit administrative division code and the province it belongs to (first two digits).
/// 依据：GB/T 2260（中华人民共和国行政区划代码）；GB 32100-2015 第4章第三部分；GB 11643-1999 第4.1条。
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Region {
    pub code: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub province: Option<Named>,
}

/// Expected and found check character.
/// 依据：GB 32100-2015 附录B；GB 11643-1999 第7章；GB 11714-1997 第5章。
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct CheckChar {
    pub expected: String,
    pub found: String,
}

/// The organisation code embedded at positions 9–17 and whether its own check character is
/// consistent. 依据：GB 11714-1997 第4、5章；GB 32100-2015 第4章第四部分（主体标识码）。
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct OrgCode {
    /// Written the usual way, `XXXXXXXX-C`.
    pub code: String,
    pub valid: bool,
    pub expected_check: String,
}

/// What a 统一社会信用代码 says. Fields are present as far as the input allows (a half-typed
/// code already names its authority).
/// 依据：GB 32100-2015 第4章（代码结构）、表1。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct UsccDetails {
    /// Position 1: 登记管理部门.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub authority: Option<Named>,
    /// Position 2: 机构类别 within that authority.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entity_type: Option<Named>,
    /// Positions 3–8: 登记管理机关行政区划码.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<Region>,
    /// Positions 9–17: 主体标识码（组织机构代码）.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub org_code: Option<OrgCode>,
    /// Position 18.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub check_char: Option<CheckChar>,
}

/// What a 居民身份证号码 says. 依据：GB 11643-1999 第4章（号码结构）。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct IdDetails {
    /// Positions 1–6: 地址码.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<Region>,
    /// Positions 7–14: 出生日期码, `YYYY-MM-DD`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub birth_date: Option<String>,
    /// The birth date written `1991年1月1日`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub birth_date_zh: Option<String>,
    /// Positions 15–17: 顺序码.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sequence: Option<String>,
    /// From the parity of the sequence code: `male` (odd) / `female` (even).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sex: Option<Named>,
    /// Completed years on `today`, when `today` was given and the birth date is valid.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub age: Option<u32>,
    /// Position 18: 校验码.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub check_char: Option<CheckChar>,
    /// The 15-digit number given, when it was converted to 18 digits (GB 11643-1989 → 1999).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub converted_from15: Option<String>,
}

// ---------------------------------------------------------------------------------------------
// Tables
// ---------------------------------------------------------------------------------------------

/// (code, zh, en, uncertain, entity types (code, zh, en)).
type AuthorityRow = (char, &'static str, &'static str, bool, &'static [(char, &'static str, &'static str)]);

/// 登记管理部门代码 and 机构类别代码. Rows 1, 5, 9 and Y are those every published description of
/// GB 32100-2015 agrees on; the others (marked uncertain) are from the standard's table as
/// recalled and from later amendments (A: 中央军委改革和编制办公室, N: 农业农村部门) and are not
/// verified against the standard's text.
/// 依据：GB 32100-2015 表1；GB 32100-2015 第1号修改单（A、N，待核）。
const AUTHORITIES: &[AuthorityRow] = &[
    (
        '1',
        "机构编制",
        "Institutional establishment (机构编制) authority",
        false,
        &[
            ('1', "机关", "Government organ"),
            ('2', "事业单位", "Public institution"),
            (
                '3',
                "中央编办直接管理机构编制的群众团体",
                "Mass organisation whose establishment is managed by the central establishment office",
            ),
            ('9', "其他", "Other"),
        ],
    ),
    ('2', "外交", "Foreign affairs", true, &[('1', "外国常驻新闻机构", "Resident foreign news agency"), ('9', "其他", "Other")]),
    (
        '3',
        "司法行政",
        "Justice administration",
        true,
        &[
            ('1', "律师执业机构", "Law firm"),
            ('2', "公证处", "Notary office"),
            ('3', "基层法律服务所", "Grassroots legal service office"),
            ('4', "司法鉴定机构", "Forensic appraisal institution"),
            ('5', "仲裁委员会", "Arbitration commission"),
            ('9', "其他", "Other"),
        ],
    ),
    ('4', "文化", "Culture", true, &[('1', "外国在华文化中心", "Foreign cultural centre in China"), ('9', "其他", "Other")]),
    (
        '5',
        "民政",
        "Civil affairs",
        false,
        &[
            ('1', "社会团体", "Social organisation"),
            ('2', "民办非企业单位", "Private non-enterprise unit"),
            ('3', "基金会", "Foundation"),
            ('9', "其他", "Other"),
        ],
    ),
    (
        '6',
        "旅游",
        "Tourism",
        true,
        &[
            ('1', "外国旅游部门常驻代表机构", "Resident office of a foreign tourism authority"),
            (
                '2',
                "港澳台地区旅游部门常驻内地（大陆）代表机构",
                "Resident office of a Hong Kong, Macao or Taiwan tourism authority",
            ),
            ('9', "其他", "Other"),
        ],
    ),
    (
        '7',
        "宗教",
        "Religious affairs",
        true,
        &[('1', "宗教活动场所", "Place of religious activity"), ('2', "宗教院校", "Religious school"), ('9', "其他", "Other")],
    ),
    ('8', "工会", "Trade union", true, &[('1', "基层工会", "Grassroots trade union"), ('9', "其他", "Other")]),
    (
        '9',
        "工商（市场监督管理）",
        "Industry and commerce (market regulation)",
        false,
        &[
            ('1', "企业", "Enterprise"),
            ('2', "个体工商户", "Individual business"),
            ('3', "农民专业合作社", "Farmers' specialised cooperative"),
        ],
    ),
    (
        'A',
        "中央军委改革和编制办公室",
        "Reform and Establishment Office of the Central Military Commission",
        true,
        &[('1', "军队事业单位", "Military public institution"), ('9', "其他", "Other")],
    ),
    (
        'N',
        "农业农村",
        "Agriculture and rural affairs",
        true,
        &[
            ('1', "组级集体经济组织", "Group-level collective economic organisation"),
            ('2', "村级集体经济组织", "Village-level collective economic organisation"),
            ('3', "乡镇级集体经济组织", "Township-level collective economic organisation"),
            ('9', "其他", "Other"),
        ],
    ),
    ('Y', "其他", "Other authority", false, &[('1', "其他", "Other")]),
];

/// The 34 provincial-level divisions by the first two digits of the GB/T 2260 code.
/// 依据：GB/T 2260（中华人民共和国行政区划代码）。
const PROVINCES: &[(&str, &str, &str)] = &[
    ("11", "北京市", "Beijing"),
    ("12", "天津市", "Tianjin"),
    ("13", "河北省", "Hebei"),
    ("14", "山西省", "Shanxi"),
    ("15", "内蒙古自治区", "Inner Mongolia"),
    ("21", "辽宁省", "Liaoning"),
    ("22", "吉林省", "Jilin"),
    ("23", "黑龙江省", "Heilongjiang"),
    ("31", "上海市", "Shanghai"),
    ("32", "江苏省", "Jiangsu"),
    ("33", "浙江省", "Zhejiang"),
    ("34", "安徽省", "Anhui"),
    ("35", "福建省", "Fujian"),
    ("36", "江西省", "Jiangxi"),
    ("37", "山东省", "Shandong"),
    ("41", "河南省", "Henan"),
    ("42", "湖北省", "Hubei"),
    ("43", "湖南省", "Hunan"),
    ("44", "广东省", "Guangdong"),
    ("45", "广西壮族自治区", "Guangxi"),
    ("46", "海南省", "Hainan"),
    ("50", "重庆市", "Chongqing"),
    ("51", "四川省", "Sichuan"),
    ("52", "贵州省", "Guizhou"),
    ("53", "云南省", "Yunnan"),
    ("54", "西藏自治区", "Tibet"),
    ("61", "陕西省", "Shaanxi"),
    ("62", "甘肃省", "Gansu"),
    ("63", "青海省", "Qinghai"),
    ("64", "宁夏回族自治区", "Ningxia"),
    ("65", "新疆维吾尔自治区", "Xinjiang"),
    ("71", "台湾省", "Taiwan"),
    ("81", "香港特别行政区", "Hong Kong SAR"),
    ("82", "澳门特别行政区", "Macao SAR"),
];

/// The province (provincial-level division) named by the first two digits of a GB/T 2260 code.
/// 依据：GB/T 2260。
pub fn province(code2: &str) -> Option<(&'static str, &'static str)> {
    PROVINCES.iter().find(|(c, _, _)| *c == code2).map(|(_, zh, en)| (*zh, *en))
}

fn region_of(code6: &str, kind: Kind) -> Region {
    let p2 = code6.get(0..2).unwrap_or("");
    let province = match (kind, p2) {
        (_, p) if province(p).is_some() => province(p).map(|(zh, en)| Named::new(p, zh, en, false)),
        (Kind::Uscc, "10") => {
            Some(Named::new("10", "全国（国家级登记管理机关）", "National level (registered by a national authority)", false))
        }
        (Kind::Id, "83") => Some(Named::new(
            "83",
            "台湾居民（港澳台居民居住证）",
            "Taiwan resident (residence permit for Hong Kong, Macao and Taiwan residents)",
            true,
        )),
        _ => None,
    };
    Region { code: code6.to_string(), province }
}

// ---------------------------------------------------------------------------------------------
// Character helpers
// ---------------------------------------------------------------------------------------------

/// Full-width ASCII (U+FF01–U+FF5E) and the ideographic space folded to half-width; `true` when
/// something was folded.
fn half_width(c: char) -> (char, bool) {
    let u = c as u32;
    if (0xFF01..=0xFF5E).contains(&u) {
        (char::from_u32(u - 0xFEE0).unwrap_or(c), true)
    } else if u == 0x3000 {
        (' ', true)
    } else {
        (c, false)
    }
}

/// A character as shown in a message: itself, or its code point for invisible ones.
fn show(c: char) -> String {
    if c.is_control() || c.is_whitespace() || c == '\u{200B}' || c == '\u{FEFF}' {
        format!("U+{:04X}", c as u32)
    } else {
        c.to_string()
    }
}

fn uscc_value(c: char) -> Option<u32> {
    USCC_ALPHABET.chars().position(|a| a == c).map(|p| p as u32)
}

/// Value of a character of an organisation code: 0–9, A=10 … Z=35. 依据：GB 11714-1997 第5章。
fn org_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        'A'..='Z' => Some(c as u32 - 'A' as u32 + 10),
        _ => None,
    }
}

/// The check character of a 统一社会信用代码 from its first 17 characters, or `None` when one
/// of them is not in [`USCC_ALPHABET`] or there are not 17.
/// 依据：GB 32100-2015 附录B：C18 = 31 − (Σ Ci·Wi mod 31)，31 → 0。
pub fn uscc_check_char(first17: &str) -> Option<char> {
    let mut n = 0;
    let mut sum = 0u32;
    for (i, c) in first17.chars().enumerate() {
        let w = *USCC_WEIGHTS.get(i)?;
        sum += uscc_value(c)? * w;
        n += 1;
    }
    if n != 17 {
        return None;
    }
    let v = (31 - sum % 31) % 31;
    USCC_ALPHABET.chars().nth(v as usize)
}

/// The check character of an organisation code from its 8 body characters (0–9, A–Z), or `None`.
/// 依据：GB 11714-1997 第5章：C9 = 11 − (Σ Ci·Wi mod 11)，10 → X，11 → 0。
pub fn org_check_char(body8: &str) -> Option<char> {
    let mut n = 0;
    let mut sum = 0u32;
    for (i, c) in body8.chars().enumerate() {
        let w = *ORG_WEIGHTS.get(i)?;
        sum += org_value(c)? * w;
        n += 1;
    }
    if n != 8 {
        return None;
    }
    Some(match 11 - sum % 11 {
        10 => 'X',
        11 => '0',
        v => char::from_digit(v, 10)?,
    })
}

/// The check character of a 居民身份证号码 from its first 17 digits, or `None`.
/// 依据：GB 11643-1999 第7章（ISO 7064:1983 MOD 11-2）。
pub fn id_check_char(first17: &str) -> Option<char> {
    let mut n = 0;
    let mut sum = 0u32;
    for (i, c) in first17.chars().enumerate() {
        let w = *ID_WEIGHTS.get(i)?;
        sum += c.to_digit(10)? * w;
        n += 1;
    }
    if n != 17 {
        return None;
    }
    Some(ID_CHECK_CHARS[(sum % 11) as usize])
}

/// The 18-digit number of a 15-digit one (GB 11643-1989): "19" inserted before the year and the
/// check character appended. `None` unless the input is exactly 15 ASCII digits.
/// 依据：GB 11643-1999 第4章与 GB 11643-1989 的对应关系。
pub fn id_15_to_18(id15: &str) -> Option<String> {
    if id15.len() != 15 || !id15.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let first17 = format!("{}19{}", &id15[0..6], &id15[6..15]);
    let c = id_check_char(&first17)?;
    Some(format!("{first17}{c}"))
}

/// Input prepared for checking: trimmed, cut, folded.
struct Prepared {
    input: String,
    chars: Vec<char>,
    /// Half-width and (for USCC) uppercase.
    folded: Vec<char>,
    first_fullwidth: Option<(usize, char)>,
    first_lower: Option<(usize, char)>,
}

fn start(kind: Kind, value: &str) -> std::result::Result<Prepared, Box<CodeCheck>> {
    let details = match kind {
        Kind::Uscc => Details::Uscc(UsccDetails::default()),
        Kind::Id => Details::Id(IdDetails::default()),
    };
    let fail = |input: String, issue: Issue| {
        Box::new(CodeCheck {
            kind,
            input,
            normalized: String::new(),
            valid: false,
            errors: vec![issue],
            warnings: Vec::new(),
            details: details.clone(),
        })
    };
    let (what_zh, what_en) = match kind {
        Kind::Uscc => ("统一社会信用代码", "unified social credit code"),
        Kind::Id => ("身份证号码", "ID card number"),
    };
    let t = value.trim();
    let n = t.chars().count();
    if n > MAX_CODE_CHARS {
        let cut: String = value.chars().take(MAX_CODE_CHARS).collect();
        return Err(fail(
            format!("{cut}…"),
            Issue::new(
                "E_CODE_TOO_LONG",
                format!("输入过长（{n} 个字符），{what_zh}最多检查 {MAX_CODE_CHARS} 个字符，请只输入一个代码"),
                format!("input too long ({n} characters): at most {MAX_CODE_CHARS} characters are checked for a {what_en}; enter one code only"),
                None,
            ),
        ));
    }
    if t.is_empty() {
        return Err(fail(
            value.to_string(),
            Issue::new("E_CODE_EMPTY", format!("未输入{what_zh}"), format!("no {what_en} entered"), None),
        ));
    }
    let chars: Vec<char> = t.chars().collect();
    let mut folded = Vec::with_capacity(chars.len());
    let mut first_fullwidth = None;
    let mut first_lower = None;
    for (i, &c) in chars.iter().enumerate() {
        let (h, fw) = half_width(c);
        if fw && first_fullwidth.is_none() {
            first_fullwidth = Some((i + 1, c));
        }
        if h.is_ascii_lowercase() && first_lower.is_none() {
            first_lower = Some((i + 1, c));
        }
        folded.push(h.to_ascii_uppercase());
    }
    Ok(Prepared { input: value.to_string(), chars, folded, first_fullwidth, first_lower })
}

fn fullwidth_issue(p: usize, c: char, fixed: &str) -> Issue {
    Issue::new(
        "E_FULLWIDTH",
        format!("第 {p} 位“{c}”是全角字符，代码必须使用半角字符；半角形式为 {fixed}"),
        format!("character {p} (\"{c}\") is full-width; codes must use half-width characters: {fixed}"),
        Some(p),
    )
}

fn length_words(n: usize, want: usize) -> (String, String) {
    if n < want {
        (format!("少 {} 位", want - n), format!("{} missing", want - n))
    } else {
        (format!("多 {} 位", n - want), format!("{} too many", n - want))
    }
}

// ---------------------------------------------------------------------------------------------
// 统一社会信用代码
// ---------------------------------------------------------------------------------------------

/// Checks a 统一社会信用代码: length 18, alphabet, check character (position 18), and explains
/// positions 1 (登记管理部门), 2 (机构类别), 3–8 (行政区划), 9–17 (组织机构代码, GB 11714-1997).
/// 依据：GB 32100-2015 第4章、第5章、附录B；GB 11714-1997。
pub fn validate_uscc(value: &str) -> CodeCheck {
    check_uscc::<true>(value)
}

/// The errors of [`validate_uscc`] alone — the same errors in the same order, so the same verdict
/// (`valid`) — without its warnings and `details` (left empty): what the self-assessment needs for
/// its subject code (第八条), without the tables and texts of the explanation of each position.
pub fn uscc_errors(value: &str) -> CodeCheck {
    check_uscc::<false>(value)
}

/// [`validate_uscc`] (`FULL`) or [`uscc_errors`]: one body, so the two cannot disagree on errors.
fn check_uscc<const FULL: bool>(value: &str) -> CodeCheck {
    let p = match start(Kind::Uscc, value) {
        Ok(p) => p,
        Err(r) => return *r,
    };
    let f = &p.folded;
    let normalized: String = f.iter().collect();
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let mut d = UsccDetails::default();

    if let Some((pos, c)) = p.first_fullwidth {
        errors.push(fullwidth_issue(pos, c, &normalized));
    }
    if let Some((pos, c)) = p.first_lower {
        errors.push(Issue::new(
            "E_USCC_LOWERCASE",
            format!("统一社会信用代码中的字母必须大写（第 {pos} 位“{c}”）；大写形式为 {normalized}"),
            format!("letters of a unified social credit code must be uppercase (character {pos}, \"{c}\"); in uppercase: {normalized}"),
            Some(pos),
        ));
    }
    for (i, (&c, &orig)) in f.iter().zip(p.chars.iter()).enumerate() {
        if uscc_value(c).is_some() {
            continue;
        }
        let pos = i + 1;
        let (zh, en) = match c {
            'I' | 'O' | 'Z' | 'S' | 'V' => {
                let like = match c {
                    'I' => "1",
                    'O' => "0",
                    'Z' => "2",
                    'S' => "5",
                    _ => "U",
                };
                (
                    format!("第 {pos} 位“{}”不用于统一社会信用代码（代码不用 I、O、Z、S、V，以免与 1、0、2、5、U 混淆），这里可能应为“{like}”", show(orig)),
                    format!("character {pos} (\"{}\") is not used in unified social credit codes (I, O, Z, S, V are left out to avoid confusion with 1, 0, 2, 5, U); it may be \"{like}\"", show(orig)),
                )
            }
            c if c.is_whitespace() => (
                format!("第 {pos} 位是空白字符（{}），代码中间不能有空格", show(orig)),
                format!("character {pos} is a space ({}); a code cannot contain spaces", show(orig)),
            ),
            _ => (
                format!(
                    "第 {pos} 位“{}”不是统一社会信用代码使用的字符（只用数字 0–9 和大写字母，不含 I、O、Z、S、V）",
                    show(orig)
                ),
                format!(
                    "character {pos} (\"{}\") is not allowed: only digits 0–9 and uppercase letters except I, O, Z, S, V",
                    show(orig)
                ),
            ),
        };
        errors.push(Issue::new("E_USCC_CHAR", zh, en, Some(pos)));
    }
    let n = f.len();
    if n != 18 {
        let (mz, me) = length_words(n, 18);
        errors.push(Issue::new(
            "E_USCC_LENGTH",
            format!("统一社会信用代码应为 18 位，实际为 {n} 位（{mz}）"),
            format!("a unified social credit code has 18 characters; this one has {n} ({me})"),
            None,
        ));
    }

    // Position 1 and 2.
    if let (true, Some(&c1)) = (FULL, f.first()) {
        match AUTHORITIES.iter().find(|a| a.0 == c1) {
            Some(&(code, zh, en, unc, types)) => {
                d.authority = Some(Named::new(code.to_string(), zh, en, unc));
                if let Some(&c2) = f.get(1) {
                    match types.iter().find(|t| t.0 == c2) {
                        Some(&(tc, tzh, ten)) => d.entity_type = Some(Named::new(tc.to_string(), tzh, ten, unc)),
                        None if uscc_value(c2).is_some() => warnings.push(Issue::new(
                            "W_USCC_TYPE_UNKNOWN",
                            format!("第 2 位机构类别代码“{c2}”不在“{zh}”登记管理部门的已知类别中，请核对"),
                            format!("entity type code \"{c2}\" (character 2) is not a known type for the authority \"{en}\"; please check"),
                            Some(2),
                        )),
                        None => {}
                    }
                }
            }
            None if uscc_value(c1).is_some() => warnings.push(Issue::new(
                "W_USCC_AUTHORITY_UNKNOWN",
                format!("第 1 位登记管理部门代码“{c1}”不在已知代码表中（1 机构编制、5 民政、9 工商、Y 其他等），请核对"),
                format!("registering authority code \"{c1}\" (character 1) is not in the known table (1 establishment, 5 civil affairs, 9 market regulation, Y other, …); please check"),
                Some(1),
            )),
            None => {}
        }
    }
    // Positions 3–8.
    if FULL && n >= 8 {
        let reg: String = f[2..8].iter().collect();
        if reg.bytes().all(|b| b.is_ascii_digit()) {
            let r = region_of(&reg, Kind::Uscc);
            if r.province.is_none() {
                warnings.push(Issue::new(
                    "W_REGION_UNKNOWN",
                    format!("第 3—8 位行政区划码 {reg} 的前两位“{}”不是省级行政区代码，请核对", &reg[0..2]),
                    format!("the first two digits \"{}\" of the region code {reg} (characters 3–8) are not a provincial-level code; please check", &reg[0..2]),
                    Some(3),
                ));
            }
            d.region = Some(r);
        } else if reg.chars().all(|c| uscc_value(c).is_some()) {
            warnings.push(Issue::new(
                "W_REGION_NOT_DIGITS",
                format!("第 3—8 位应为 6 位数字的行政区划码，实际为 {reg}，请核对"),
                format!("characters 3–8 should be a 6-digit region code; found {reg}; please check"),
                Some(3),
            ));
        }
    }
    // Positions 9–17: organisation code.
    if FULL && n >= 17 {
        let body: String = f[8..16].iter().collect();
        let found = f[16];
        if let Some(exp) = org_check_char(&body) {
            let ok = exp == found;
            d.org_code = Some(OrgCode { code: format!("{body}-{found}"), valid: ok, expected_check: exp.to_string() });
            if !ok && uscc_value(found).is_some() {
                warnings.push(Issue::new(
                    "W_USCC_ORG_CHECK",
                    format!("第 9—17 位组织机构代码 {body}-{found} 的校验码应为“{exp}”（GB 11714-1997），实际为“{found}”；统一社会信用代码以第 18 位校验为准，请向登记机关核实"),
                    format!("the organisation code {body}-{found} (characters 9–17) should end in \"{exp}\" (GB 11714-1997), not \"{found}\"; the code's own check (character 18) decides validity; please verify with the registering authority"),
                    Some(17),
                ));
            }
        }
    }
    // Position 18.
    if n == 18 {
        let first17: String = f[0..17].iter().collect();
        if let Some(exp) = uscc_check_char(&first17) {
            let found = f[17];
            if FULL {
                d.check_char = Some(CheckChar { expected: exp.to_string(), found: found.to_string() });
            }
            if exp != found && uscc_value(found).is_some() {
                errors.push(Issue::new(
                    "E_USCC_CHECK",
                    format!("第 18 位校验码不符：按前 17 位计算应为“{exp}”，实际为“{found}”；代码中可能有输错的字符"),
                    format!("check character (18) does not match: the first 17 characters give \"{exp}\", found \"{found}\"; a character may be mistyped"),
                    Some(18),
                ));
            }
        }
    }
    finish(Kind::Uscc, p.input, normalized, errors, warnings, Details::Uscc(d))
}

fn finish(
    kind: Kind,
    input: String,
    normalized: String,
    errors: Vec<Issue>,
    warnings: Vec<Issue>,
    details: Details,
) -> CodeCheck {
    CodeCheck { kind, input, normalized, valid: errors.is_empty(), errors, warnings, details }
}

// ---------------------------------------------------------------------------------------------
// 居民身份证号码
// ---------------------------------------------------------------------------------------------

/// Completed years from `birth` to `today` (a 29 February birthday counts from 1 March in
/// common years). 依据：GB 11643-1999 第4.2条（出生日期码）；《民法典》第一千二百五十九条 (周岁).
pub fn age_on(birth: NaiveDate, today: NaiveDate) -> Option<u32> {
    if today < birth {
        return None;
    }
    let mut years = today.year() - birth.year();
    if (today.month(), today.day()) < (birth.month(), birth.day()) {
        years -= 1;
    }
    u32::try_from(years).ok()
}

/// Checks a 居民身份证号码 (18 digits, GB 11643-1999; or 15 digits, GB 11643-1989, which is
/// converted): region code, birth date (a real date, from 1900-01-01, not after `today`),
/// sequence code (odd = male), check character (ISO 7064 MOD 11-2).
/// 依据：GB 11643-1999 第4—7章；GB 11643-1989。
pub fn validate_id(value: &str, today: Option<NaiveDate>) -> CodeCheck {
    check_id::<true>(value, today)
}

/// The errors of [`validate_id`] alone — the same errors in the same order, so the same verdict
/// (`valid`) — without its warnings and `details` (left empty); `normalized` as `validate_id` gives it.
pub fn id_errors(value: &str, today: Option<NaiveDate>) -> CodeCheck {
    check_id::<false>(value, today)
}

/// [`validate_id`] (`FULL`) or [`id_errors`]: one body, so the two cannot disagree on errors.
fn check_id<const FULL: bool>(value: &str, today: Option<NaiveDate>) -> CodeCheck {
    let p = match start(Kind::Id, value) {
        Ok(p) => p,
        Err(r) => return *r,
    };
    let f = &p.folded;
    let n = f.len();
    let mut normalized: String = f.iter().collect();
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let mut d = IdDetails::default();

    if let Some((pos, c)) = p.first_fullwidth {
        errors.push(fullwidth_issue(pos, c, &normalized));
    }
    for (i, (&c, &orig)) in f.iter().zip(p.chars.iter()).enumerate() {
        let pos = i + 1;
        let last18 = n == 18 && pos == 18;
        if c.is_ascii_digit() || (last18 && c == 'X') {
            continue;
        }
        let (zh, en) = if c == 'X' {
            (
                format!("第 {pos} 位“{}”：X 只能作为 18 位号码的最后一位（校验码）", show(orig)),
                format!("character {pos} (\"{}\"): X can only be the last (18th) character, the check character", show(orig)),
            )
        } else if c.is_whitespace() {
            (
                format!("第 {pos} 位是空白字符（{}），号码中间不能有空格", show(orig)),
                format!("character {pos} is a space ({}); the number cannot contain spaces", show(orig)),
            )
        } else {
            (
                format!("第 {pos} 位“{}”不是数字（身份证号码只由数字组成，最后一位可为 X）", show(orig)),
                format!("character {pos} (\"{}\") is not a digit (an ID number is digits only; the last may be X)", show(orig)),
            )
        };
        errors.push(Issue::new("E_ID_CHAR", zh, en, Some(pos)));
    }
    if n != 18 && n != 15 {
        let (mz, me) = length_words(n, 18);
        errors.push(Issue::new(
            "E_ID_LENGTH",
            format!("身份证号码应为 18 位（或旧版 15 位），实际为 {n} 位（比 18 位{mz}）"),
            format!("an ID number has 18 digits (old numbers: 15); this one has {n} ({me} for 18)"),
            None,
        ));
    }
    let chars_ok = errors.is_empty();

    // Region: as soon as 6 digits are there.
    if FULL && n >= 6 && f[0..6].iter().all(|c| c.is_ascii_digit()) {
        let reg: String = f[0..6].iter().collect();
        let r = region_of(&reg, Kind::Id);
        if r.province.is_none() {
            let hint_zh = if reg.starts_with('9') {
                "；以 9 开头的 18 位号码可能是外国人永久居留身份证（不适用 GB 11643 地址码）"
            } else {
                ""
            };
            let hint_en = if reg.starts_with('9') {
                "; an 18-digit number starting with 9 may be a foreigner's permanent residence ID card (no GB 11643 region)"
            } else {
                ""
            };
            warnings.push(Issue::new(
                "W_REGION_UNKNOWN",
                format!("地址码 {reg} 的前两位“{}”不是省级行政区代码，请核对{hint_zh}", &reg[0..2]),
                format!(
                    "the first two digits \"{}\" of the region code {reg} are not a provincial-level code; please check{hint_en}",
                    &reg[0..2]
                ),
                Some(1),
            ));
        }
        d.region = Some(r);
    }

    if chars_ok {
        // Birth date, sequence, check, in the 18-digit layout.
        let digits18: String = if n == 15 {
            let s: String = f.iter().collect();
            match id_15_to_18(&s) {
                Some(s18) => {
                    if FULL {
                        d.converted_from15 = Some(s.clone());
                        warnings.push(Issue::new(
                            "W_ID_LEGACY_15",
                            format!("这是 15 位旧号码（GB 11643-1989，无校验码，出生年份按 19xx 计），已换算为 18 位：{s18}"),
                            format!("this is an old 15-digit number (GB 11643-1989, no check character, year read as 19xx); converted to 18 digits: {s18}"),
                            None,
                        ));
                    }
                    normalized = s18.clone();
                    s18
                }
                None => String::new(),
            }
        } else {
            normalized.clone()
        };
        // Positions of the birth date in the input as given (15-digit: 7–12).
        let birth_pos = 7;
        if digits18.len() == 18 {
            let y: i32 = digits18[6..10].parse().unwrap_or(0);
            let m: u32 = digits18[10..12].parse().unwrap_or(0);
            let dd: u32 = digits18[12..14].parse().unwrap_or(0);
            let raw = &digits18[6..14];
            match NaiveDate::from_ymd_opt(y, m, dd) {
                None => {
                    let (why_zh, why_en) = if !(1..=12).contains(&m) {
                        (format!("没有 {m} 月"), format!("there is no month {m}"))
                    } else {
                        (format!("{y}年{m}月没有{dd}日"), format!("{y}-{m:02} has no day {dd}"))
                    };
                    errors.push(Issue::new(
                        "E_ID_BIRTH_DATE",
                        format!("出生日期码 {raw} 不是有效日期（{why_zh}）"),
                        format!("birth date code {raw} is not a real date ({why_en})"),
                        Some(birth_pos),
                    ));
                }
                Some(b) => {
                    let min = NaiveDate::from_ymd_opt(ID_MIN_BIRTH.0, ID_MIN_BIRTH.1, ID_MIN_BIRTH.2).unwrap_or(b);
                    if FULL {
                        d.birth_date = Some(dates::iso(b));
                        d.birth_date_zh = Some(dates::chinese(b));
                    }
                    if b < min {
                        errors.push(Issue::new(
                            "E_ID_BIRTH_TOO_EARLY",
                            format!("出生日期 {} 早于 1900年1月1日，请核对", dates::chinese(b)),
                            format!("birth date {} is before 1900-01-01; please check", dates::iso(b)),
                            Some(birth_pos),
                        ));
                    } else if let Some(t) = today {
                        if b > t {
                            errors.push(Issue::new(
                                "E_ID_BIRTH_FUTURE",
                                format!("出生日期 {} 晚于今天（{}）", dates::chinese(b), dates::chinese(t)),
                                format!("birth date {} is after today ({})", dates::iso(b), dates::iso(t)),
                                Some(birth_pos),
                            ));
                        } else if FULL {
                            d.age = age_on(b, t);
                        }
                    }
                }
            }
            if FULL {
                let seq = &digits18[14..17];
                d.sequence = Some(seq.to_string());
                let odd = seq.bytes().last().map(|b| (b - b'0') % 2 == 1).unwrap_or(false);
                d.sex =
                    Some(if odd { Named::new("male", "男", "male", false) } else { Named::new("female", "女", "female", false) });
            }
            if n == 18 {
                if let Some(exp) = id_check_char(&digits18[0..17]) {
                    let found = f[17];
                    if FULL {
                        d.check_char = Some(CheckChar { expected: exp.to_string(), found: found.to_string() });
                    }
                    if exp != found {
                        errors.push(Issue::new(
                            "E_ID_CHECK",
                            format!("第 18 位校验码不符：按前 17 位计算应为“{exp}”，实际为“{found}”；号码中可能有输错的数字"),
                            format!("check character (18) does not match: the first 17 digits give \"{exp}\", found \"{found}\"; a digit may be mistyped"),
                            Some(18),
                        ));
                    } else if let (true, Some((pos, c))) = (FULL, p.first_lower) {
                        warnings.push(Issue::new(
                            "W_ID_LOWERCASE_X",
                            format!("第 {pos} 位校验码“{c}”应写作大写 X，已按 X 处理"),
                            format!("check character {pos} \"{c}\" should be an uppercase X; read as X"),
                            Some(pos),
                        ));
                    }
                }
            }
        }
    }
    finish(Kind::Id, p.input, normalized, errors, warnings, Details::Id(d))
}

// ---------------------------------------------------------------------------------------------
// Identity documents (第八条, 第十三条)
// ---------------------------------------------------------------------------------------------

/// One kind of identity document a subject is identified by: id, Chinese and English name, the
/// class of subject that holds it, and whether its number has a check this module can run.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第八条（机构类以统一社会信用代码作为标识；个人类以身份证号码或
/// 其他有效身份证件号码作为标识）、第十三条（居民身份证号码、出入境证件号码）。
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct DocumentType {
    pub id: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
    /// `institution` or `person`.
    pub class: &'static str,
    /// The standard the number is checked against (`GB 32100-2015`, `GB 11643-1999`); empty: no check.
    pub standard: &'static str,
}

/// The identity documents of 第八条 and 第十三条. Only the 统一社会信用代码 and the 居民身份证 have a
/// published check (GB 32100, GB 11643); the others are taken as written: a passport or permit
/// number has letters, and its format is set by the issuing authority, not by these measures.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第八条、第十三条。
pub const DOCUMENT_TYPES: &[DocumentType] = &[
    DocumentType { id: "uscc", zh: "统一社会信用代码", en: "Unified social credit code", class: "institution", standard: "GB 32100-2015" },
    DocumentType { id: "resident-id", zh: "居民身份证", en: "Resident identity card", class: "person", standard: "GB 11643-1999" },
    DocumentType { id: "passport", zh: "出入境证件（护照等）", en: "Exit-entry document (passport etc.)", class: "person", standard: "" },
    DocumentType {
        id: "hmt-permit",
        zh: "港澳台居民居住证或往来通行证",
        en: "Residence or travel permit of a Hong Kong, Macao or Taiwan resident",
        class: "person",
        standard: "",
    },
    DocumentType { id: "other", zh: "其他有效身份证件", en: "Other valid identity document", class: "person", standard: "" },
];

impl DocumentType {
    /// What its number is called: 统一社会信用代码, 居民身份证号码, 出入境证件（护照等）号码, ….
    /// 依据：《汕尾市医疗保障信用管理办法（试行）》第八条、第十三条。
    pub fn number_zh(&self) -> String {
        if self.id == "uscc" { self.zh.to_string() } else { format!("{}号码", self.zh) }
    }

    /// Its number in English: "unified social credit code", "passport etc. number", ….
    /// 依据：《汕尾市医疗保障信用管理办法（试行）》第八条、第十三条。
    pub fn number_en(&self) -> String {
        if self.id == "uscc" { self.en.to_string() } else { format!("{} number", self.en) }
    }
}

/// The document type `id`, if known.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第八条、第十三条。
pub fn document_type(id: &str) -> Option<&'static DocumentType> {
    DOCUMENT_TYPES.iter().find(|d| d.id == id)
}

/// The document type a subject of `class` is identified by when none is given: the 统一社会信用代码
/// for an institution, the 居民身份证 for a person.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第八条。
pub fn default_document(class: &str) -> &'static DocumentType {
    let id = if class == "institution" { "uscc" } else { "resident-id" };
    document_type(id).unwrap_or(&DOCUMENT_TYPES[0])
}

/// Reads a document-type answer: `None` when absent or blank; an unknown id, or a document of the
/// other class (a passport for an institution, a 统一社会信用代码 for a person), is an error at `path`.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第八条、第十三条。
pub fn read_document_type(value: Option<&str>, class: Option<&str>, path: &str) -> Result<Option<&'static DocumentType>> {
    let Some(v) = value.map(str::trim).filter(|v| !v.is_empty()) else { return Ok(None) };
    let list = || DOCUMENT_TYPES.iter().map(|d| format!("{}（{}）", d.id, d.zh)).collect::<Vec<_>>().join("、");
    let list_en = || DOCUMENT_TYPES.iter().map(|d| d.id).collect::<Vec<_>>().join(", ");
    let shown: String = v.chars().take(MAX_CODE_CHARS).collect();
    let d = document_type(v).ok_or_else(|| {
        Error::new("E_DOCUMENT_TYPE", format!("未知的证件类型“{shown}”；可选：{}", list()), format!("unknown document type \"{shown}\"; known: {}", list_en())).at(path)
    })?;
    if let Some(c) = class {
        if c != d.class {
            let (zh, en) = if c == "institution" {
                ("机构类主体以统一社会信用代码作为标识（第八条）", "an institution is identified by its unified social credit code (art. 8)")
            } else {
                ("个人类主体以身份证号码或其他有效身份证件号码作为标识（第八条）", "a person is identified by an ID card or another valid identity document (art. 8)")
            };
            return Err(Error::new("E_DOCUMENT_TYPE", format!("证件类型“{}”与主体类别不符：{zh}", d.zh), format!("document type \"{}\" does not fit the subject: {en}", d.en)).at(path));
        }
    }
    Ok(Some(d))
}

/// Checks an identity document's number: the 统一社会信用代码 by GB 32100, the 居民身份证 by
/// GB 11643; any other document (passport, permits, others) only for being present, on one line
/// and at most [`MAX_CODE_CHARS`] characters: letters are normal there, so nothing is refused as
/// "not a digit". The first error, if any.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第八条、第十三条；GB 32100-2015；GB 11643-1999。
pub fn check_document(doc: &DocumentType, value: &str, today: Option<NaiveDate>) -> Option<Issue> {
    let t = value.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}');
    match doc.id {
        "uscc" => validate_uscc(t).errors.into_iter().next(),
        "resident-id" => validate_id(t, today).errors.into_iter().next().map(|mut e| {
            if e.code == "E_ID_CHAR" || e.code == "E_ID_LENGTH" {
                e.zh.push_str("（如为护照、港澳台居民证件等其他证件，请选择相应的证件类型）");
                e.en.push_str("; for a passport, a Hong Kong, Macao or Taiwan permit or another document, choose that document type");
            }
            e
        }),
        _ => {
            let n = t.chars().count();
            if n == 0 {
                Some(Issue::new("E_DOCUMENT_EMPTY", format!("{}号码为空", doc.zh), format!("the {} number is empty", doc.en), None))
            } else if n > MAX_CODE_CHARS {
                Some(Issue::new("E_CODE_TOO_LONG", format!("{}号码过长（{n} 个字符，最多 {MAX_CODE_CHARS} 个）", doc.zh), format!("the {} number is too long ({n} characters, at most {MAX_CODE_CHARS})", doc.en), None))
            } else if t.chars().any(|c| c.is_control()) {
                Some(Issue::new("E_DOCUMENT_CHAR", format!("{}号码含控制字符或换行", doc.zh), format!("the {} number contains a control character or a line break", doc.en), None))
            } else {
                None
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The command
// ---------------------------------------------------------------------------------------------

/// Input of the `validate` command: `{kind: "uscc"|"id", value, today?}`.
/// 依据：GB 32100-2015；GB 11643-1999。
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", tsify(missing_as_null))]
pub struct ValidateInput {
    /// `uscc` (统一社会信用代码) or `id` (居民身份证号码).
    #[cfg_attr(target_arch = "wasm32", tsify(type = "CodeKind"))]
    pub kind: String,
    pub value: String,
    #[serde(default)]
    pub today: Option<String>,
}

/// Runs one check. Errors only for a malformed request: unknown `kind` (`E_VALIDATE_KIND`) or a
/// bad `today` (`E_DATE_*`, path `$.today`). 依据：GB 32100-2015；GB 11643-1999。
pub fn validate(input: ValidateInput) -> Result<CodeCheck> {
    let today = match input.today.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(t) => Some(dates::parse_date(t, "today").map_err(|e| e.at("$.today"))?),
    };
    match input.kind.trim() {
        "uscc" => Ok(validate_uscc(&input.value)),
        "id" => Ok(validate_id(&input.value, today)),
        other => {
            let shown: String = other.chars().take(MAX_CODE_CHARS).collect();
            Err(Error::new(
                "E_VALIDATE_KIND",
                format!("未知的代码种类“{shown}”：应为 uscc（统一社会信用代码）或 id（居民身份证号码）"),
                format!("unknown kind \"{shown}\": use uscc (unified social credit code) or id (resident ID card number)"),
            )
            .at("$.kind"))
        }
    }
}


// ---------------------------------------------------------------------------------------------
// Duplicates: 一码多赋 / 重复赋码
// ---------------------------------------------------------------------------------------------

/// One spelling group of a name (or a code) and the rows it appears on.
/// 依据：秦皇岛市医疗保障局整改工作方案（2023）附表“统一社会信用代码重错码清理”。
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Occurrence {
    /// As first written in the input (trimmed).
    pub value: String,
    pub rows: Vec<usize>,
}

/// 一码多赋: one code used by several different entity names.
/// 依据：秦皇岛市医疗保障局整改工作方案（2023）附表（一码多赋治理）。
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct CodeManyNames {
    /// The code, normalised (trimmed, half-width, uppercase, no spaces).
    pub code: String,
    pub names: Vec<Occurrence>,
    /// All rows involved, ascending.
    pub rows: Vec<usize>,
}

/// 重复赋码: one entity name holding several codes.
/// 依据：秦皇岛市医疗保障局整改工作方案（2023）附表（重复赋码治理）。
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct NameManyCodes {
    /// The name as first written (trimmed).
    pub name: String,
    pub codes: Vec<Occurrence>,
    /// All rows involved, ascending.
    pub rows: Vec<usize>,
}

/// Both kinds of duplicate, each group ordered by its first row.
/// 依据：秦皇岛市医疗保障局整改工作方案（2023）附表“推进统一社会信用代码重错码清理零工作”。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Duplicates {
    /// 一码多赋.
    pub one_code_many_names: Vec<CodeManyNames>,
    /// 重复赋码.
    pub one_name_many_codes: Vec<NameManyCodes>,
    /// Rows skipped because the name or the code is empty.
    pub skipped_rows: Vec<usize>,
}

/// The key a name is compared by: full-width ASCII folded to half-width (so （）→ ()), all
/// whitespace (half- and full-width) removed — spaces carry no meaning in a Chinese registered
/// name, and are the usual difference between two spellings of one name.
/// 依据：GB 32100-2015 第4章（一个主体一个代码）；秦皇岛整改方案（2023）。
pub fn name_key(name: &str) -> String {
    name_key_chars(name).collect()
}

/// The characters of [`name_key`], without building the string (for hashing many rows).
/// 依据：秦皇岛方案 整改任务分工表 第1项（一码多赋、重复赋码）.
pub fn name_key_chars(name: &str) -> impl Iterator<Item = char> + '_ {
    name.chars().map(|c| half_width(c).0).filter(|c| !c.is_whitespace())
}

/// The characters of [`code_key`], without building the string (for hashing many rows).
/// 依据：秦皇岛方案 整改任务分工表 第1项（一码多赋、重复赋码）.
pub fn code_key_chars(code: &str) -> impl Iterator<Item = char> + '_ {
    code.chars().map(|c| half_width(c).0.to_ascii_uppercase()).filter(|c| !c.is_whitespace())
}

/// The key a code is compared by: half-width, uppercase, no whitespace.
/// 依据：GB 32100-2015 第5章（字符集：半角数字与大写字母）。
pub fn code_key(code: &str) -> String {
    code_key_chars(code).collect()
}

/// A row with its keys: (row, name key, code key, name, code).
type KeyedRow<'a> = (usize, String, String, &'a str, &'a str);
/// A duplicate group: (display value, occurrences of the other side, all rows).
type Group = (String, Vec<Occurrence>, Vec<usize>);

fn group(rows: &[KeyedRow<'_>], by_name: bool) -> Vec<Group> {
    // outer key → (first row, display, inner key → (first row, occurrence))
    type Inner<'k> = BTreeMap<&'k str, (usize, Occurrence)>;
    let mut map: BTreeMap<&str, (usize, String, Inner<'_>)> = BTreeMap::new();
    for (row, nk, ck, name, code) in rows {
        let (outer, inner, outer_disp, inner_disp) = if by_name { (nk, ck, name, code) } else { (ck, nk, code, name) };
        let e = map.entry(outer.as_str()).or_insert_with(|| (*row, outer_disp.trim().to_string(), BTreeMap::new()));
        let o =
            e.2.entry(inner.as_str())
                .or_insert_with(|| (*row, Occurrence { value: inner_disp.trim().to_string(), rows: Vec::new() }));
        o.1.rows.push(*row);
    }
    let mut out: Vec<(usize, String, Vec<Occurrence>, Vec<usize>)> = map
        .into_values()
        .filter(|(_, _, inner)| inner.len() > 1)
        .map(|(first, disp, inner)| {
            let mut occ: Vec<(usize, Occurrence)> = inner.into_values().collect();
            crate::sort::sort_by(&mut occ, |a, b| a.0.cmp(&b.0));
            let mut all: Vec<usize> = occ.iter().flat_map(|(_, o)| o.rows.iter().copied()).collect();
            crate::sort::sort(&mut all);
            all.dedup();
            (first, disp, occ.into_iter().map(|(_, o)| o).collect(), all)
        })
        .collect();
    crate::sort::sort_by(&mut out, |a, b| a.0.cmp(&b.0));
    out.into_iter().map(|(_, d, o, a)| (d, o, a)).collect()
}

/// Finds 一码多赋 (one code, several different names) and 重复赋码 (one name, several codes)
/// among `(row number, name, code)` rows. Names are compared by [`name_key`], codes by
/// [`code_key`]; rows with an empty name or code are skipped (listed in `skipped_rows`); the
/// same name with the same code on several rows is neither kind. The codes themselves are not
/// validated here (use [`validate_uscc`]).
/// 依据：秦皇岛市医疗保障局关于创建全国第四批社会信用体系建设示范城市整改工作方案（2023-02-27）
/// 附表第1项“推进统一社会信用代码重错码清理零工作”（重复赋码治理、一码多赋治理）。
pub fn find_duplicates(rows: &[(usize, &str, &str)]) -> Duplicates {
    let mut keyed = Vec::with_capacity(rows.len());
    let mut skipped_rows = Vec::new();
    for &(row, name, code) in rows {
        let nk = name_key(name);
        let ck = code_key(code);
        if nk.is_empty() || ck.is_empty() {
            skipped_rows.push(row);
        } else {
            keyed.push((row, nk, ck, name, code));
        }
    }
    let one_code_many_names = group(&keyed, false)
        .into_iter()
        .map(|(code, names, rows)| CodeManyNames { code: code_key(&code), names, rows })
        .collect();
    let one_name_many_codes =
        group(&keyed, true).into_iter().map(|(name, codes, rows)| NameManyCodes { name, codes, rows }).collect();
    Duplicates { one_code_many_names, one_name_many_codes, skipped_rows }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duplicates_both_kinds_with_rows() {
        let rows = [
            (2, "秦皇岛日报社", "91130300MA07L8XX1A"),
            (3, "秦皇岛日报社 ", "12130300401700000B"),
            (4, "国家林业局北戴河培训中心", "12100000400011111C"),
            (5, "国家林业局北戴河培训中心（秦皇岛）", "12100000400011111C"),
            (6, "国家林业局北戴河培训中心(秦皇岛)", "１２100000400011111c"),
            (7, "昌黎县市政工务处", "11130322000000000D"),
            (8, "昌黎县市政工务处", "11130322000000000D"),
            (9, "", "11130322000000000D"),
            (10, "秦皇岛　日报社", ""),
        ];
        let d = find_duplicates(&rows);
        assert_eq!(d.skipped_rows, vec![9, 10]);
        // 一码多赋: rows 4, 5, 6 share one code; 5 and 6 are one name after folding brackets.
        assert_eq!(d.one_code_many_names.len(), 1);
        let g = &d.one_code_many_names[0];
        assert_eq!(g.code, "12100000400011111C");
        assert_eq!(g.rows, vec![4, 5, 6]);
        assert_eq!(g.names.len(), 2);
        assert_eq!(g.names[0], Occurrence { value: "国家林业局北戴河培训中心".into(), rows: vec![4] });
        assert_eq!(g.names[1], Occurrence { value: "国家林业局北戴河培训中心（秦皇岛）".into(), rows: vec![5, 6] });
        // 重复赋码: rows 2 and 3 (trailing space ignored); 7 and 8 are a repeated row, not a duplicate.
        assert_eq!(d.one_name_many_codes.len(), 1);
        let h = &d.one_name_many_codes[0];
        assert_eq!(h.name, "秦皇岛日报社");
        assert_eq!(h.rows, vec![2, 3]);
        assert_eq!(h.codes[0], Occurrence { value: "91130300MA07L8XX1A".into(), rows: vec![2] });
        assert_eq!(h.codes[1], Occurrence { value: "12130300401700000B".into(), rows: vec![3] });
    }

    #[test]
    fn duplicates_none_and_order() {
        assert_eq!(find_duplicates(&[]), Duplicates::default());
        let d = find_duplicates(&[
            (1, "甲", "A1"),
            (2, "乙", "B1"),
            (3, "乙", "B2"),
            (4, "丙", "C1"),
            (5, "丙", "C2"),
            (6, "丁", "A1"),
        ]);
        assert_eq!(d.one_name_many_codes.iter().map(|g| g.name.as_str()).collect::<Vec<_>>(), vec!["乙", "丙"]);
        assert_eq!(d.one_code_many_names.len(), 1);
        assert_eq!(d.one_code_many_names[0].rows, vec![1, 6]);
        assert_eq!(name_key(" （北戴河）　疗养所 "), "(北戴河)疗养所");
        assert_eq!(code_key(" ９１a "), "91A");
    }

    #[test]
    fn check_chars_of_the_standards() {
        assert_eq!(uscc_check_char("91110000600037341"), Some('L'));
        assert_eq!(org_check_char("60003734"), Some('1'));
        assert_eq!(org_check_char("71526726"), Some('X'));
        assert_eq!(id_check_char("11010219910101007"), Some('8'));
        assert_eq!(uscc_check_char("9111000060003734"), None);
        assert_eq!(id_check_char("1101021991010100X"), None);
    }
}
