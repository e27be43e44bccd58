//! Print-ready HTML of the six forms, one A4 page each, generated here so that the CLI
//! (`--html`) and the page show the same bytes. Classes only (the page's CSP forbids inline
//! styles); the look is in `www/css/forms.css`. Everything that comes from the input is escaped.
//!
//! 依据：《汕尾市医疗保障信用管理办法（试行）》附件1—附件6（标题、栏目及其顺序和文字）。

use super::{FieldModel, FormDef, FormModel};
use crate::dates;
use chrono::NaiveDate;

/// Escapes text for HTML element content and quoted attribute values: `& < > " '`. Carriage
/// returns and other control characters (except new line and tab) are dropped.
/// 依据：HTML Living Standard §13.1.2.6（字符引用）；本项目安全要求（用户输入只作文本显示）。
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' | '\t' => out.push(c),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// At most `max` characters of `s` (what does not fit is not printed; the form reports it).
fn cut(s: &str, max: usize) -> &str {
    match s.char_indices().nth(max) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

struct Ctx<'a> {
    def: &'a FormDef,
    m: &'a FormModel,
    /// Smaller type for all the multi-line text of a form when there is much of it.
    size: &'static str,
}

impl Ctx<'_> {
    fn field(&self, id: &str) -> Option<&FieldModel> {
        self.m.field(id)
    }

    fn text(&self, id: &str) -> Option<String> {
        let f = self.field(id)?;
        let v = f.value.trim();
        if v.is_empty() {
            return None;
        }
        Some(escape(cut(v, f.max_length)))
    }

    fn hint(&self, id: &str) -> &'static str {
        self.def.field(id).map_or("", |d| d.hint_zh)
    }

    /// A table cell's value: the text, else the official hint, else nothing.
    fn cell(&self, id: &str) -> String {
        match self.text(id) {
            Some(t) => {
                let multi = self.field(id).is_some_and(|f| f.kind == super::FieldKind::Multiline);
                format!("<div class=\"fm-v{}\">{t}</div>", if multi { self.size } else { "" })
            }
            None => match self.hint(id) {
                "" => String::new(),
                h => format!("<div class=\"fm-hint\">{}</div>", escape(h)),
            },
        }
    }

    /// A label cell of 附件3 and 附件6 that carries the template's own instruction
    /// (「（填写法人单位名称或自然人名称）」, 「（自然人填写身份证号）」): the label with the instruction
    /// under it, printed whether the value is filled or not, so a person's ID number never sits
    /// under 「统一社会信用代码」 alone.
    /// 依据：《汕尾市医疗保障信用管理办法（试行）》附件3、附件6（名称、统一社会信用代码栏）。
    fn label_with_hint(&self, label: &str, id: &str) -> String {
        match self.hint(id) {
            "" => format!("<th scope=\"row\">{label}</th>"),
            h => format!("<th scope=\"row\">{label}<span class=\"fm-label-hint\">{}</span></th>", escape(h)),
        }
    }

    /// The value cell next to [`Self::label_with_hint`]: the value only (the instruction is in the label).
    fn bare(&self, id: &str) -> String {
        self.text(id).map(|t| format!("<div class=\"fm-v\">{t}</div>")).unwrap_or_default()
    }

    /// The code cell: the number, preceded by the name of its document when it is neither a
    /// 统一社会信用代码 nor a 居民身份证 (a passport number under 「统一社会信用代码（自然人填写身份证号）」
    /// says what it is).
    /// 依据：《汕尾市医疗保障信用管理办法（试行）》第八条、第十三条，附件3、附件6。
    fn code_cell(&self) -> String {
        let doc = self.m.document_type.and_then(crate::ident::document_type).filter(|d| d.standard.is_empty());
        match (self.text("code"), doc) {
            (Some(t), Some(d)) => format!("<div class=\"fm-v\"><span class=\"fm-doc\">{}：</span>{t}</div>", escape(d.zh)),
            _ => self.bare("code"),
        }
    }

    /// A value inside running text, underlined; an empty one is a blank line to write on.
    fn inline(&self, id: &str, blank: &str) -> String {
        match self.text(id) {
            Some(t) => format!("<span class=\"fm-fill\">{t}</span>"),
            None => format!("<span class=\"fm-blank {blank}\"></span>"),
        }
    }

    /// A date written `2026年11月23日`, or `　　年　　月　　日` to write by hand.
    fn date(&self, id: &str) -> String {
        let d = self.field(id).and_then(|f| dates::parse_date(&f.value, id).ok());
        match d {
            Some(d) => format!("<span class=\"fm-fill\">{}</span>", dates::chinese(d)),
            None => "<span class=\"fm-date-blank\">\u{3000}\u{3000}\u{3000}年\u{3000}\u{3000}月\u{3000}\u{3000}日</span>".to_string(),
        }
    }
}

fn row2(label: &str, value: String, class: &str) -> String {
    let cls = if class.is_empty() { String::new() } else { format!(" class=\"{class}\"") };
    format!("<tr{cls}><th scope=\"row\">{label}</th><td>{value}</td></tr>")
}

fn sign(lines: &[String]) -> String {
    let mut s = String::from("<div class=\"fm-sign\">");
    for l in lines {
        s.push_str("<p>");
        s.push_str(l);
        s.push_str("</p>");
    }
    s.push_str("</div>");
    s
}

const COLS2: &str = "<colgroup><col class=\"fm-col-l\"><col class=\"fm-col-v\"></colgroup>";
const COLS3: &str = "<colgroup class=\"fm-cols3\"><col class=\"fm-col-g\"><col class=\"fm-col-l\"><col class=\"fm-col-v\"></colgroup>";

fn form1(c: &Ctx) -> String {
    let mut h = format!("<table class=\"fm-table\">{COLS2}<tbody>");
    h += &row2("申请单位（人）", c.cell("applicant"), "");
    h += &row2("联系人", c.cell("contactPerson"), "");
    h += &row2("联系方式", c.cell("contactPhone"), "");
    h += &row2("异议信息描述", c.cell("objectionInfo"), "fm-tall");
    h += &row2(
        "申请理由<br>（可附页）",
        format!("{}{}", c.cell("reason"), sign(&[c.date("signDate"), "（盖章）".into()])),
        "fm-tall",
    );
    h += &row2(
        "信用承诺",
        format!(
            "<p class=\"fm-fixed\">本人承诺所填写内容和提交的相关材料真实准确，否则由此产生的相应后果自负。</p>{}",
            sign(&["签字：<span class=\"fm-blank fm-blank-l\"></span>（盖章）".into()])
        ),
        "fm-mid",
    );
    h += &row2("备注", c.cell("remarks"), "fm-short");
    h + "</tbody></table>"
}

fn form2(c: &Ctx) -> String {
    let mut h = format!("<table class=\"fm-table\">{COLS2}<tbody>");
    h += &row2("申请单位（人）", c.cell("applicant"), "");
    h += &row2("异议信息申请内容", c.cell("objectionContent"), "fm-tall");
    let bureau = match c.text("bureau") {
        Some(b) => format!("<span class=\"fm-fill\">{b}</span>"),
        None => "<span class=\"fm-blank\"></span>医疗保障局".to_string(),
    };
    h += &row2(
        "异议信息处理结果",
        format!("{}{}", c.cell("result"), sign(&[bureau, format!("{}（盖章）", c.date("signDate"))])),
        "fm-tall",
    );
    h += &row2("备注", c.cell("remarks"), "fm-short");
    h + "</tbody></table>"
}

fn form3(c: &Ctx) -> String {
    let ticked = c.field("art29").map(|f| f.value.trim().to_string()).unwrap_or_default();
    let bx = |on: bool| if on { "<span class=\"fm-box\">☑</span>" } else { "<span class=\"fm-box\">□</span>" };
    let mut h = format!("<table class=\"fm-table\">{COLS3}<tbody>");
    h += &format!(
        "<tr><th scope=\"rowgroup\" rowspan=\"3\">失信主体基本情况</th>{}<td>{}</td></tr>",
        c.label_with_hint("名称", "name"),
        c.bare("name")
    );
    h += &format!("<tr>{}<td>{}</td></tr>", c.label_with_hint("统一社会信用代码", "code"), c.code_cell());
    h += &format!("<tr><th scope=\"row\">联系方式</th><td>{}</td></tr>", c.cell("contact"));
    h += &format!(
        "<tr class=\"fm-tall\"><th scope=\"row\">申请修复的失信信息内容</th><th scope=\"row\">失信信息内容描述</th><td>{}</td></tr>",
        c.cell("description")
    );
    h += &format!(
        "<tr><th scope=\"row\">申请信用修复的理由</th><th scope=\"row\">符合《汕尾市医疗保障信用管理办法（试行）》规定</th><td class=\"fm-choice\">第二十九条规定：符合{}不符合{}</td></tr>",
        bx(ticked == "yes"),
        bx(ticked == "no")
    );
    h += &format!(
        "<tr class=\"fm-declare\"><td colspan=\"3\"><p>本单位（本人）声明，提交的材料真实有效。</p><p>法定代表人（自然人）签字：<span class=\"fm-blank fm-blank-l\"></span>（盖章）</p><p>申请日期：{}</p></td></tr>",
        c.date("applicationDate")
    );
    h + "</tbody></table>"
}

fn form4(c: &Ctx) -> String {
    let mut h = String::from("<div class=\"fm-letter\">");
    h += &format!(
        "<p class=\"fm-para\">我单位{}，统一社会信用代码为{}，于{}，被{}给予处罚，处罚决定书文号为{}。我单位在失信行为发生后，认真学习相关法律法规，积极了解医疗保障信用管理政策文件，主动修正和整改失信行为，并已依法依规及时、全面接受了处罚。现提请对该条不良信息进行信用修复，并郑重承诺：</p>",
        c.inline("unit", "fm-blank-l"),
        c.inline("code", "fm-blank-l"),
        c.date("penaltyDate"),
        c.inline("authority", "fm-blank-m"),
        c.inline("decisionNo", "fm-blank-m"),
    );
    for item in [
        "一、所提供资料均合法、真实、准确和有效。",
        "二、已履行了处罚决定书规定的内容，已按处罚机关提出的工作要求落实了整改措施。",
        "三、将严格遵守国家法律、法规、规章和政策规定，依法守信从事医疗保障活动。",
        "四、自觉接受政府、行业组织、社会公众、新闻舆论的监督，积极履行社会责任。",
        "五、若发生违法失信行为，将依照有关法律、法规规章和政策规定接受处罚，并依法承担相应责任。",
        "六、本《信用承诺书》同意在“信用汕尾”网站向社会公开。",
    ] {
        h += &format!("<p class=\"fm-para\">{item}</p>");
    }
    // The pledge is made by 「我单位」: a unit stamps it (盖章) beside the signature; a person signs.
    let signer = if c.m.subject_class == Some("person") {
        "承诺人（签字）：<span class=\"fm-blank fm-blank-l\"></span>"
    } else {
        "承诺人：<span class=\"fm-blank fm-blank-l\"></span>（盖章）"
    };
    h += &sign(&[signer.into(), format!("日期：{}", c.date("pledgeDate"))]);
    h + "</div>"
}

fn form5(c: &Ctx) -> String {
    let mut h = String::from("<div class=\"fm-letter\">");
    h += &format!("<p class=\"fm-no\">编号：{}</p>", c.inline("number", "fm-blank-m"));
    h += &format!(
        "<p class=\"fm-para\">我局于{}收到你（单位）提出的{}申请，经审查，不符合《汕尾市医疗保障信用管理办法（试行）》规定，决定不予信用修复。</p>",
        c.date("receivedDate"),
        c.inline("applicationKind", "fm-blank-m"),
    );
    h += &format!(
        "<p class=\"fm-para\">如不服本决定，可以自收到本告知书之日起5个工作日内，向{}提出异议申请。</p>",
        c.inline("objectionBody", "fm-blank-m"),
    );
    let unit = match c.text("bureau") {
        Some(b) => format!("<span class=\"fm-fill\">{b}</span>（公章）"),
        None => "单位名称（公章）".to_string(),
    };
    h += &sign(&[unit, c.date("signDate")]);
    h += &format!(
        "<p class=\"fm-handler\">经办人：{}<span class=\"fm-gap\"></span>经办人电话：{}</p>",
        c.inline("handler", "fm-blank-m"),
        c.inline("handlerPhone", "fm-blank-m"),
    );
    h + "</div>"
}

fn form6(c: &Ctx) -> String {
    let mut h = format!("<table class=\"fm-table\">{COLS3}<tbody>");
    h += &format!(
        "<tr><th scope=\"rowgroup\" rowspan=\"5\">申请修复的失信主体</th>{}<td>{}</td></tr>",
        c.label_with_hint("名称", "name"),
        c.bare("name")
    );
    h += &format!("<tr>{}<td>{}</td></tr>", c.label_with_hint("统一社会信用代码", "code"), c.code_cell());
    h += &format!("<tr><th scope=\"row\">法定代表人</th><td>{}</td></tr>", c.cell("legalRepresentative"));
    h += &format!("<tr><th scope=\"row\">联系方式</th><td>{}</td></tr>", c.cell("contact"));
    h += &format!("<tr class=\"fm-mid\"><th scope=\"row\">失信信息<br>内容</th><td>{}</td></tr>", c.cell("description"));
    let disclosed = match c.text("disclosed") {
        Some(t) => format!("<span class=\"fm-fill\">{t}</span>"),
        None => "<span class=\"fm-blank fm-blank-s\"></span>年<span class=\"fm-blank fm-blank-s\"></span>个月".to_string(),
    };
    h += &format!(
        "<tr><th scope=\"rowgroup\" rowspan=\"2\">医疗保障部门意见</th><th scope=\"row\">修复条件<br>认定情况</th><td><p class=\"fm-fixed\">经核实，不良信息主体已履行法定责任和义务，社会不良影响基本消除。</p><p class=\"fm-fixed\">至申请日，不良信息已披露{disclosed}，期间未产生新的记入信用档案的同类不良信息。</p></td></tr>"
    );
    h += &format!(
        "<tr class=\"fm-tall\"><th scope=\"row\">修复处理意见</th><td>{}{}</td></tr>",
        c.cell("opinion"),
        sign(&[format!("经办人：{}<span class=\"fm-gap\"></span>单位（盖章）", c.inline("handler", "fm-blank-m")), c.date("signDate")]),
    );
    h + "</tbody></table>"
}

/// The print-ready HTML of a filled form: one `<article class="fm-sheet">` per form, A4, with
/// the attachment number, the title, the official rows and wording, blank signature, seal and
/// date areas, and at the foot in small type the rule set (id, version, SHA-256), the fill date,
/// and what to know about the sources on that date (`validity`: 汕尾 第三十四条, the trial period).
/// 依据：《汕尾市医疗保障信用管理办法（试行）》附件1—附件6。
pub fn render(def: &FormDef, m: &FormModel, filled_on: Option<NaiveDate>, validity: &[crate::text::Text]) -> String {
    let total: usize = m
        .fields
        .iter()
        .filter(|f| f.kind == super::FieldKind::Multiline && f.printed)
        .map(|f| cut(f.value.trim(), f.max_length).chars().count())
        .sum();
    let size = match total {
        n if n > 1200 => " fm-xs",
        n if n > 400 => " fm-s",
        _ => "",
    };
    let c = Ctx { def, m, size };
    let mut h = format!(
        "<article class=\"fm-sheet fm-form-{n}\" lang=\"zh-CN\"><p class=\"fm-att\">附件{n}</p><h1 class=\"fm-title\">{title}</h1><div class=\"fm-body\">",
        n = def.number,
        title = def.zh
    );
    h += &match def.number {
        1 => form1(&c),
        2 => form2(&c),
        3 => form3(&c),
        4 => form4(&c),
        5 => form5(&c),
        _ => form6(&c),
    };
    h += "</div><footer class=\"fm-foot\">";
    if def.number == 5 {
        let delivered = c.field("deliveryDate").and_then(|f| dates::parse_date(&f.value, "deliveryDate").ok());
        let last = c.field("objectionLastDay").and_then(|f| dates::parse_date(&f.value, "objectionLastDay").ok());
        if let (Some(d), Some(l)) = (delivered, last) {
            // A last day that relies on a year without its holiday notice is marked, and the
            // warning printed right under it (国务院办公厅放假通知；《全国年节及纪念日放假办法》).
            let mark = if m.warnings.is_empty() { "" } else { "※" };
            h += &format!(
                "<p>本告知书送达日：{}；异议申请期限：自收到之日起5个工作日，最后一日为{}{mark}（第三十条、附件5）。</p>",
                dates::chinese(d),
                dates::chinese(l)
            );
            for w in &m.warnings {
                if let Some(y) = w.year {
                    h += &format!("<p class=\"fm-cal-warn\">※ {}</p>", escape(&crate::calendar::Warning::paper_zh(y)));
                }
            }
        }
    }
    let filled = filled_on.map_or_else(|| "—".to_string(), dates::chinese);
    h += &format!(
        "<p>依据：{basis} · 指标：<span class=\"fm-rules-id\">{id}</span> {ver} · SHA-256：<span class=\"fm-hash\">{hash}</span> · 填写日期：{filled}</p>",
        basis = def.basis_zh,
        id = escape(&m.rules.id),
        ver = escape(&m.rules.version),
        hash = escape(&m.rules.hash),
    );
    for n in validity {
        h += &format!("<p class=\"fm-note\">注：{}。</p>", escape(&n.zh));
    }
    h + "</footer></article>"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_keeps_rare_characters() {
        assert_eq!(escape("<script>alert('x')</script>&\""), "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;");
        assert_eq!(escape("𠮷龘\r\n\u{0}x"), "𠮷龘\nx");
        assert_eq!(cut("𠮷龘abc", 2), "𠮷龘");
        assert_eq!(cut("ab", 5), "ab");
    }
}
