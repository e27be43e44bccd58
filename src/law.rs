//! The law library: one file per legal source (`data/law/ID.json`, format in
//! `docs/law-format.md`), with its dates and the articles the tool relies on. Everything the tool
//! cites — rule sets, deadline kinds, repair periods, measures, forms — names a source by its id
//! and the article as written (`第十五条第（三）项`); this module turns that into the citation a
//! user reads, in Chinese and in English, with the references the page opens to show the text.
//!
//! The table below is made by `build.rs` from the files: titles, numbers, dates and article labels,
//! not the texts (the page fetches `law/ID.json` when a citation is opened).
//!
//! 依据：《汕尾市医疗保障信用管理办法（试行）》第三十二条（国家、省规定优先）、第三十四条（施行与试行期）.

use crate::dates;
use crate::text::Text;
use chrono::NaiveDate;
use serde::Serialize;

/// One legal source (what the core needs of it; the rest is in its file).
#[derive(Debug)]
pub struct Law {
    pub id: &'static str,
    /// As written, with its book-title marks (or a description for a document without a known title).
    pub title: &'static str,
    pub title_en: &'static str,
    /// The document number (文号), e.g. `发改办财金〔2019〕527号`.
    pub number: Option<&'static str>,
    pub in_force: Option<&'static str>,
    /// Last day of a trial period (汕尾 第三十四条: 试行两年).
    pub trial_until: Option<&'static str>,
    /// Last day of a fixed validity (广东: 有效期两年).
    pub valid_until: Option<&'static str>,
    pub repealed: Option<&'static str>,
    pub replaced_by: Option<&'static str>,
    /// The article that sets the dates above, if the tool has it.
    pub validity_article: Option<&'static str>,
    pub articles: &'static [Article],
    /// The attachments (附件N) by number.
    pub attachments: &'static [&'static str],
}

/// An article (or a section of a plan) the tool relies on.
#[derive(Debug)]
pub struct Article {
    /// `19` for 第十九条; a plan's section as labelled (`二（三）1`).
    pub id: &'static str,
    /// The English label of a section that is not a numbered article (`Part 2 (3) item 1`).
    pub en: &'static str,
    /// Whether the library holds its verbatim text (else only what secondary sources report).
    pub verified: bool,
}

impl Article {
    /// 第十九条, or the section as labelled.
    pub fn label_zh(&self) -> String {
        match self.id.parse::<u32>() {
            Ok(n) => format!("第{}条", chinese_label(n)),
            Err(_) => self.id.to_string(),
        }
    }

    /// Article 19, or the section's English label.
    pub fn label_en(&self) -> String {
        if self.en.is_empty() {
            format!("Article {}", self.id)
        } else {
            self.en.to_string()
        }
    }
}

include!(concat!(env!("OUT_DIR"), "/law_table.rs"));

/// The source with this id.
pub fn get(id: &str) -> Option<&'static Law> {
    LAWS.iter().find(|l| l.id == id)
}

/// The ids the tool itself cites (constants in code).
pub const SHANWEI: &str = "shanwei-2022";
pub const QINHUANGDAO: &str = "qinhuangdao-2023";
pub const CIVIL_CODE: &str = "civil-code-2020";
pub const GUANGDONG: &str = "guangdong-2024";

/// What a citation points at, for the page to open: `{law, article}` or `{law, attachment}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct LawRef {
    pub law: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub article: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attachment: Option<String>,
}

/// A citation as shown: in Chinese (`《…》第十九条`), in English (`Article 19 of the … (《…》)`),
/// and what it points at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Citation {
    pub zh: String,
    pub en: String,
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub refs: Vec<LawRef>,
}

impl Citation {
    /// A citation of a document outside the library (a bureau's own source): its title and the
    /// article as written, the same in both languages.
    pub fn plain(title: &str, article: &str) -> Citation {
        let t = format!("{title}{article}");
        Citation { zh: t.clone(), en: t, refs: vec![] }
    }

    /// Several citations joined (`；` / `; `).
    pub fn join(parts: &[Citation]) -> Citation {
        Citation {
            zh: parts.iter().map(|c| c.zh.as_str()).collect::<Vec<_>>().join("；"),
            en: parts.iter().map(|c| c.en.as_str()).collect::<Vec<_>>().join("; "),
            refs: parts.iter().flat_map(|c| c.refs.iter().cloned()).collect(),
        }
    }

    /// As a [`Text`] (for messages that embed it).
    pub fn text(&self) -> Text {
        Text::new(self.zh.clone(), self.en.clone())
    }
}

/// One piece of an article text as written.
#[derive(Debug, Clone, PartialEq)]
enum Piece {
    /// 第N条, with its items (第（M）项).
    Article { n: u32, items: Vec<u32> },
    /// 附件N.
    Attachment(u32),
    /// A section id as labelled in the source (`二（三）1`).
    Section(String),
}

/// `十九` → 19, `二百零一` → 201, `一百零三` → 103 (the numerals of article numbers).
pub fn chinese_number(s: &str) -> Option<u32> {
    if s.is_empty() {
        return None;
    }
    if let Ok(n) = s.parse::<u32>() {
        return Some(n);
    }
    let digit = |c: char| "零一二三四五六七八九".chars().position(|d| d == c).map(|p| p as u32);
    let (mut total, mut cur) = (0u32, None::<u32>);
    for c in s.chars() {
        match c {
            '百' => {
                total += cur.unwrap_or(1) * 100;
                cur = None;
            }
            '十' => {
                total += cur.unwrap_or(1) * 10;
                cur = None;
            }
            '零' => cur = None,
            c => cur = Some(digit(c)?),
        }
    }
    Some(total + cur.unwrap_or(0))
}

/// Reads an article text as written: `第十五条第（三）项、第（四）项`, `第二十八至三十条`,
/// `第二十九条、附件6`, `二（三）1`. `None` when a piece is not understood.
fn pieces(text: &str) -> Option<Vec<Piece>> {
    let mut out: Vec<Piece> = vec![];
    for part in text.split(['、', '，', '；']).map(str::trim).filter(|p| !p.is_empty()) {
        if let Some(rest) = part.strip_prefix("附件") {
            let (a, b) = match rest.split_once('至') {
                Some((a, b)) => (chinese_number(a)?, chinese_number(b)?),
                None => (chinese_number(rest)?, chinese_number(rest)?),
            };
            out.extend((a..=b).map(Piece::Attachment));
            continue;
        }
        if let Some(rest) = part.strip_prefix('第') {
            if let Some((num, after)) = rest.split_once('条') {
                // 第二十八至三十条 / 第二十八条至第三十条 are handled by the range below.
                // 第（十八）条: an item numbered in brackets.
                let num = num.strip_prefix('（').and_then(|n| n.strip_suffix('）')).unwrap_or(num);
                let (a, b) = match num.split_once('至') {
                    Some((a, b)) => (chinese_number(a)?, chinese_number(b.trim_start_matches('第'))?),
                    None => (chinese_number(num)?, chinese_number(num)?),
                };
                let mut items = vec![];
                let mut after = after;
                while let Some(r) = after.strip_prefix("第（") {
                    let (m, r) = r.split_once("）项")?;
                    items.push(chinese_number(m)?);
                    after = r;
                }
                if let Some(r) = after.strip_prefix("至第") {
                    // 第二十八条至第三十条
                    let (m, r) = r.split_once('条')?;
                    if !r.is_empty() {
                        return None;
                    }
                    out.extend((a..=chinese_number(m)?).map(|n| Piece::Article { n, items: vec![] }));
                    continue;
                }
                if !after.is_empty() {
                    return None;
                }
                out.extend((a..=b).map(|n| Piece::Article { n, items: if a == b { items.clone() } else { vec![] } }));
                continue;
            }
            if let Some(r) = rest.strip_prefix('（') {
                // 第（四）项: another item of the article before.
                let (m, r) = r.split_once("）项")?;
                let m = chinese_number(m)?;
                match (out.last_mut(), r.is_empty()) {
                    (Some(Piece::Article { items, .. }), true) => items.push(m),
                    _ => return None,
                }
                continue;
            }
        }
        out.push(Piece::Section(part.to_string()));
    }
    Some(out)
}

/// Why an article text does not resolve in a source.
#[derive(Debug, Clone, PartialEq)]
pub enum CiteError {
    UnknownLaw,
    /// A piece not understood.
    Unreadable,
    /// An article or attachment the source does not have (its Chinese label).
    NotInLaw(String),
}

impl Law {
    fn article(&self, id: &str) -> Option<&'static Article> {
        self.articles.iter().find(|a| a.id == id)
    }

    /// `title（number）` when there is a number.
    pub fn title_with_number(&self) -> String {
        match self.number {
            Some(n) if !self.title.contains(n) => format!("{}（{n}）", self.title),
            _ => self.title.to_string(),
        }
    }

    /// Whether the library holds the text of none of its articles.
    pub fn has_no_text(&self) -> bool {
        !self.articles.iter().any(|a| a.verified)
    }
}

/// The citation of `article` (as written; empty: the document as a whole) in the source `law`.
/// Cites an article whose text the tool does not hold, or a document with no article, saying so.
pub fn cite(law: &str, article: &str) -> Result<Citation, CiteError> {
    // (Written with pushes rather than format!: this runs in the first screen's module.)
    let l = get(law).ok_or(CiteError::UnknownLaw)?;
    let ps = pieces(article).ok_or(CiteError::Unreadable)?;
    let mut refs = vec![];
    let mut en = String::new();
    let mut unverified = false;
    for p in &ps {
        if !en.is_empty() {
            en.push_str(", ");
        }
        let (art, attachment) = match p {
            Piece::Article { n, .. } => (l.article(&n.to_string()).ok_or_else(|| CiteError::NotInLaw(["第", &chinese_label(*n), "条"].concat()))?, None),
            Piece::Section(s) => (l.article(s).ok_or_else(|| CiteError::NotInLaw(s.clone()))?, None),
            Piece::Attachment(n) => {
                let id = n.to_string();
                if !l.attachments.contains(&id.as_str()) {
                    return Err(CiteError::NotInLaw(["附件", &id].concat()));
                }
                en.push_str("Attachment ");
                en.push_str(&id);
                (&NO_ARTICLE, Some(id))
            }
        };
        if attachment.is_none() {
            unverified |= !art.verified;
            en.push_str(&art.label_en());
            if let Piece::Article { items, .. } = p {
                for (k, m) in items.iter().enumerate() {
                    en.push_str(if k == 0 { "(" } else { ", (" });
                    en.push_str(&m.to_string());
                    en.push(')');
                }
            }
        }
        let r = LawRef { law: law.into(), article: attachment.is_none().then(|| art.id.into()), attachment };
        if !refs.contains(&r) {
            refs.push(r);
        }
    }
    let mut zh = String::from(l.title);
    if ps.is_empty() {
        // The document as a whole: the page opens what the library says of it.
        refs.push(LawRef { law: law.into(), article: None, attachment: None });
        let none = l.has_no_text();
        en = [l.title_en, " (", l.title].concat();
        let mut inner: Vec<&str> = vec![];
        if let Some(n) = l.number.filter(|n| !l.title.contains(n)) {
            inner.push(n);
            en.push_str(", ");
            en.push_str(n);
        }
        if none {
            inner.push("具体条款本工具未核实");
            en.push_str("; the article is not verified by this tool");
        }
        en.push(')');
        if !inner.is_empty() {
            zh.push('（');
            zh.push_str(&inner.join("；"));
            zh.push('）');
        }
    } else {
        zh.push_str(article);
        en = [&en, " of the ", l.title_en, " (", l.title, ")"].concat();
        if unverified {
            zh.push_str("（该条原文本工具未核实）");
            en.push_str(" (the text of this article is not verified by this tool)");
        }
    }
    Ok(Citation { zh, en, refs })
}

/// (The attachment arm of [`cite`] has no article.)
static NO_ARTICLE: Article = Article { id: "", en: "", verified: true };

/// [`cite`] for a citation written in the tool's own code: always in the library (tests call
/// every such citation); outside tests a mistake shows the text as written rather than failing.
pub fn cite_known(law: &str, article: &str) -> Citation {
    match cite(law, article) {
        Ok(c) => c,
        Err(e) => {
            debug_assert!(false, "{law} {article}: {e:?}");
            Citation::plain(get(law).map_or(law, |l| l.title), article)
        }
    }
}

/// 19 → 十九, 201 → 二百零一 (for messages).
pub fn chinese_label(n: u32) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let (h, t, u) = (n / 100, (n / 10) % 10, n % 10);
    let mut s = String::new();
    if h > 0 {
        s.push_str(D[h as usize]);
        s.push('百');
        if t == 0 && u > 0 {
            s.push('零');
        }
    }
    if t > 0 {
        if !(h == 0 && t == 1) {
            s.push_str(D[t as usize]);
        }
        s.push('十');
    }
    if u > 0 || n == 0 {
        s.push_str(D[u as usize]);
    }
    s
}

/// When a [`DateNote`] applies: to dates before a day, or after one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    Before(NaiveDate),
    After(NaiveDate),
    OnOrAfter(NaiveDate),
}

impl When {
    pub fn applies(self, date: NaiveDate) -> bool {
        match self {
            When::Before(d) => date < d,
            When::After(d) => date > d,
            When::OnOrAfter(d) => date >= d,
        }
    }
}

/// Something to tell the user about a source for dates in a span: not yet in force, a trial
/// period or a fixed validity that has ended, a repeal (and by what).
#[derive(Debug, Clone)]
pub struct DateNote {
    pub code: &'static str,
    pub when: When,
    pub text: Text,
}

/// The [`DateNote`]s of the source `id` (none for an unknown id).
/// 依据：各依据文件的施行、试行、有效期和废止日期（`data/law/`），如《汕尾市医疗保障信用管理办法（试行）》第三十四条.
pub fn date_notes(id: &str) -> Vec<DateNote> {
    let Some(l) = get(id) else { return vec![] };
    let day = |s: Option<&str>| s.and_then(|s| dates::parse_date(s, "date").ok());
    let basis = l.validity_article.and_then(|a| l.article(a)).map(|a| (format!("（{}）", a.label_zh()), format!(" ({})", a.label_en()))).unwrap_or_default();
    let mut out = vec![];
    if let Some(f) = day(l.in_force) {
        out.push(DateNote {
            code: "W_SOURCE_NOT_YET_IN_FORCE",
            when: When::Before(f),
            text: Text::new(
                format!("{}自 {} 起施行{}，所涉日期在其施行之前", l.title, dates::iso(f), basis.0),
                format!("the {} ({}) takes effect on {}{}; the date concerned is before it", l.title_en, l.title, dates::iso(f), basis.1),
            ),
        });
    }
    if let Some(r) = day(l.repealed) {
        let by = l.replaced_by.and_then(get);
        out.push(DateNote {
            code: "W_SOURCE_REPEALED",
            when: When::OnOrAfter(r),
            text: Text::new(
                format!("{}已于 {} 废止{}", l.title, dates::iso(r), by.map(|b| format!("，由{}取代", b.title)).unwrap_or_default()),
                format!("the {} ({}) was repealed on {}{}", l.title_en, l.title, dates::iso(r), by.map(|b| format!(", replaced by the {} ({})", b.title_en, b.title)).unwrap_or_default()),
            ),
        });
    }
    if let Some(t) = day(l.trial_until) {
        out.push(DateNote {
            code: "W_SOURCE_TRIAL_ENDED",
            when: When::After(t),
            text: Text::new(
                format!("{}试行两年，试行期已于 {} 届满{}；本工具无法确认其是否延续或被替代，请向本地医保局确认现行依据", l.title, dates::iso(t), basis.0),
                format!("the {} ({}) was a two-year trial that ended on {}{}; the tool cannot tell whether it was extended or replaced: confirm the rules in force with the local bureau", l.title_en, l.title, dates::iso(t), basis.1),
            ),
        });
    }
    if let Some(v) = day(l.valid_until) {
        out.push(DateNote {
            code: "W_SOURCE_VALIDITY_ENDED",
            when: When::After(v),
            text: Text::new(
                format!("{}的有效期已于 {} 届满；本工具无法确认其是否延续或被替代，请向医保部门确认现行依据", l.title, dates::iso(v)),
                format!("the validity of the {} ({}) ended on {}; the tool cannot tell whether it was extended or replaced: confirm the rules in force with the bureau", l.title_en, l.title, dates::iso(v)),
            ),
        });
    }
    out
}

/// What the user should know about the sources `laws` on `date` (see [`date_notes`]); empty when
/// all is in order.
pub fn validity_notes(laws: &[&str], date: NaiveDate) -> Vec<Text> {
    notes_on(laws, date).into_iter().map(|n| n.text).collect()
}

/// The [`DateNote`]s of the sources `laws` that apply on `date` (each source once).
pub fn notes_on(laws: &[&str], date: NaiveDate) -> Vec<DateNote> {
    let mut seen: Vec<&str> = vec![];
    let mut out = vec![];
    for id in laws {
        if !seen.contains(id) {
            seen.push(id);
            out.extend(date_notes(id).into_iter().filter(|n| n.when.applies(date)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numerals() {
        for (s, n) in [("一", 1), ("十", 10), ("十九", 19), ("二十", 20), ("三十四", 34), ("一百零三", 103), ("二百零一", 201), ("二百零三", 203), ("6", 6)] {
            assert_eq!(chinese_number(s), Some(n), "{s}");
            if !s.chars().all(|c| c.is_ascii_digit()) {
                assert_eq!(chinese_label(n), s);
            }
        }
        assert_eq!(chinese_number("条"), None);
    }

    #[test]
    fn article_texts_as_written() {
        assert_eq!(pieces("第十五条第（三）项、第（四）项").unwrap(), vec![Piece::Article { n: 15, items: vec![3, 4] }]);
        assert_eq!(pieces("第二十九条、附件6").unwrap(), vec![Piece::Article { n: 29, items: vec![] }, Piece::Attachment(6)]);
        assert_eq!(pieces("第二十八至三十条").unwrap().len(), 3);
        assert_eq!(pieces("第二十八条至第三十条").unwrap().len(), 3);
        assert_eq!(pieces("二（三）1").unwrap(), vec![Piece::Section("二（三）1".into())]);
        assert_eq!(pieces("").unwrap(), vec![]);
        assert_eq!(pieces("第十九条之二"), None);
    }

    #[test]
    fn citations() {
        let c = cite(SHANWEI, "第十五条第（三）项、第（四）项").unwrap();
        assert_eq!(c.zh, "《汕尾市医疗保障信用管理办法（试行）》第十五条第（三）项、第（四）项");
        assert!(c.en.starts_with("Article 15(3), (4) of the Measures of Shanwei City"), "{}", c.en);
        assert!(c.en.ends_with("(《汕尾市医疗保障信用管理办法（试行）》)"), "{}", c.en);
        assert_eq!(c.refs, vec![LawRef { law: SHANWEI.into(), article: Some("15".into()), attachment: None }]);
        let c = cite(GUANGDONG, "第二十条").unwrap();
        assert!(c.zh.ends_with("第二十条（该条原文本工具未核实）"), "{}", c.zh);
        let c = cite("ndrc-order-36", "").unwrap();
        assert_eq!(c.zh, "《信用修复管理办法》（国家发展和改革委员会令第36号；具体条款本工具未核实）");
        assert_eq!(cite(SHANWEI, "第三十五条"), Err(CiteError::NotInLaw("第三十五条".into())));
        assert_eq!(cite("nowhere", "第一条"), Err(CiteError::UnknownLaw));
        let c = cite(QINHUANGDAO, "二（三）1").unwrap();
        assert_eq!(c.refs[0].article.as_deref(), Some("二（三）1"));
    }

    #[test]
    fn validity() {
        let d = |s| dates::parse_date(s, "d").unwrap();
        assert!(validity_notes(&[SHANWEI], d("2024-12-14")).is_empty());
        let n = validity_notes(&[SHANWEI], d("2024-12-15"));
        assert_eq!(n.len(), 1);
        assert!(n[0].zh.contains("试行期已于 2024-12-14 届满（第三十四条）"), "{}", n[0].zh);
        assert!(validity_notes(&[SHANWEI], d("2022-12-14"))[0].zh.contains("施行之前"));
        assert!(validity_notes(&[GUANGDONG], d("2026-07-01"))[0].zh.contains("有效期已于 2026-06-30 届满"));
        assert!(validity_notes(&["ndrc-order-58"], d("2026-04-01"))[0].zh.contains("由《信用修复管理办法》取代"));
        assert!(validity_notes(&["ndrc-order-58"], d("2026-03-31")).is_empty());
    }
}
