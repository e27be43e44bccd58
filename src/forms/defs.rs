//! The six attachment forms of the Shanwei measures: titles and fields, in the official order.
//!
//! 依据：《汕尾市医疗保障信用管理办法（试行）》附件1—附件6、第二十二条、第二十九条、第三十条。

use serde::Serialize;

/// What a field holds, which decides how it is checked and shown.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》附件1—附件6（各表栏目）。
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "kebab-case")]
pub enum FieldKind {
    /// One line of text.
    Text,
    /// Several lines (descriptions, reasons, opinions).
    Multiline,
    /// A date, `YYYY-MM-DD` in data, written `2026年11月23日` on the form.
    Date,
    /// A mainland mobile number or a landline with its area code.
    Phone,
    /// 统一社会信用代码 (institutions, GB 32100) or 居民身份证号码 (persons, GB 11643).
    UsccOrId,
    /// One of fixed options (the 符合□/不符合□ box of 附件3).
    Choice,
}

/// One option of a choice field.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》附件3（“第二十九条规定：符合□不符合□”）。
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct ChoiceOption {
    pub id: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
}

/// A field of a form: id, label, kind, whether required, longest value, the official hint
/// printed in an empty cell, what the core computes it from, and whether it is printed.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》附件1—附件6。
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldDef {
    pub id: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
    pub kind: FieldKind,
    pub required: bool,
    /// Longest value, in characters.
    pub max: usize,
    pub options: &'static [ChoiceOption],
    /// The official hint printed in the cell while it is empty (e.g. 附件3 “（自然人填写身份证号）”).
    pub hint_zh: &'static str,
    /// What the core computes the field from; empty when it is never computed.
    pub computed_zh: &'static str,
    pub computed_en: &'static str,
    /// False for fields that are only used to compute others and are not on the printed form.
    pub printed: bool,
}

/// A form: its number (附件N), title and fields in the official order.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》附件1—附件6。
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FormDef {
    pub number: u8,
    pub zh: &'static str,
    pub en: &'static str,
    /// The articles that call for the form.
    pub basis_zh: &'static str,
    pub basis_en: &'static str,
    pub fields: &'static [FieldDef],
}

impl FormDef {
    /// The field `id`, if the form has it.
    /// 依据：《汕尾市医疗保障信用管理办法（试行）》附件1—附件6。
    pub fn field(&self, id: &str) -> Option<&'static FieldDef> {
        self.fields.iter().find(|f| f.id == id)
    }
}

/// Longest one-line text, in characters.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》附件1—附件6（栏目长度；每表一页A4）。
pub const MAX_TEXT: usize = 200;
/// Longest multi-line text, in characters.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》附件1—附件6（栏目长度；每表一页A4）。
pub const MAX_MULTILINE: usize = 2000;
/// Longest phone text (one or more numbers), in characters.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》附件1—附件6（栏目长度；每表一页A4）。
pub const MAX_PHONE: usize = 60;
/// Longest code (a USCC or ID has 18 characters; room for spaces).
/// 依据：《汕尾市医疗保障信用管理办法（试行）》附件1—附件6（栏目长度；每表一页A4）。
pub const MAX_CODE: usize = 40;
/// A date is `YYYY-MM-DD`.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》附件1—附件6（栏目长度；每表一页A4）。
pub const MAX_DATE: usize = 10;

const NONE: &[ChoiceOption] = &[];
/// The two boxes of 附件3: 符合□ / 不符合□.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》附件3、第二十九条。
pub const ART29_OPTIONS: &[ChoiceOption] = &[
    ChoiceOption { id: "yes", zh: "符合", en: "meets" },
    ChoiceOption { id: "no", zh: "不符合", en: "does not meet" },
];

const fn f(id: &'static str, zh: &'static str, en: &'static str, kind: FieldKind, required: bool) -> FieldDef {
    let max = match kind {
        FieldKind::Text => MAX_TEXT,
        FieldKind::Multiline => MAX_MULTILINE,
        FieldKind::Date => MAX_DATE,
        FieldKind::Phone => MAX_PHONE,
        FieldKind::UsccOrId => MAX_CODE,
        FieldKind::Choice => 10,
    };
    FieldDef { id, zh, en, kind, required, max, options: NONE, hint_zh: "", computed_zh: "", computed_en: "", printed: true }
}

const fn c(mut d: FieldDef, zh: &'static str, en: &'static str) -> FieldDef {
    d.computed_zh = zh;
    d.computed_en = en;
    d
}

const fn hint(mut d: FieldDef, zh: &'static str) -> FieldDef {
    d.hint_zh = zh;
    d
}

use FieldKind::*;

const FROM_NAME: (&str, &str) = ("主体名称", "the subject's name");
const FROM_CODE: (&str, &str) = ("主体的统一社会信用代码或身份证号", "the subject's code");
const FROM_CONTACT: (&str, &str) = ("主体的联系方式", "the subject's contact number");
const FROM_DESC: (&str, &str) =
    ("失信记录的处罚日期、失信行为和处罚内容：“xxxx年xx月xx日，因****行为被处以***”", "the record's decision date, act and penalty");
const FROM_DEPT: (&str, &str) = ("失信记录的处罚（认定）部门", "the department that made the decision");
const FROM_APPLIED: (&str, &str) = ("信用修复申请日期", "the repair application date");

/// 附件1 异议信息处理申请表（第二十二条）.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第二十二条、附件1。
pub const FORM1: &[FieldDef] = &[
    c(f("applicant", "申请单位（人）", "Applicant (unit or person)", Text, true), FROM_NAME.0, FROM_NAME.1),
    f("contactPerson", "联系人", "Contact person", Text, true),
    c(f("contactPhone", "联系方式", "Contact number", Phone, true), FROM_CONTACT.0, FROM_CONTACT.1),
    c(f("objectionInfo", "异议信息描述", "Information objected to", Multiline, true), FROM_DESC.0, FROM_DESC.1),
    f("reason", "申请理由", "Grounds (may continue on extra sheets)", Multiline, true),
    f("signDate", "日期（盖章处，可留空手写）", "Date by the seal (may be left blank)", Date, false),
    f("remarks", "备注", "Remarks", Multiline, false),
];

/// 附件2 异议信息处理结果反馈单（第二十二条）.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第二十二条、附件2。
pub const FORM2: &[FieldDef] = &[
    c(f("applicant", "申请单位（人）", "Applicant (unit or person)", Text, true), FROM_NAME.0, FROM_NAME.1),
    c(f("objectionContent", "异议信息申请内容", "Objection as filed", Multiline, true), FROM_DESC.0, FROM_DESC.1),
    f("result", "异议信息处理结果", "Result of the review", Multiline, true),
    c(f("bureau", "医疗保障局（落款）", "Medical-insurance bureau (signing)", Text, true), FROM_DEPT.0, FROM_DEPT.1),
    f("signDate", "日期（盖章处，可留空手写）", "Date by the seal (may be left blank)", Date, false),
    f("remarks", "备注", "Remarks", Multiline, false),
];

/// 附件3 信用修复申请表（第二十九条）.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第二十九条、附件3。
pub const FORM3: &[FieldDef] = &[
    hint(c(f("name", "名称", "Name", Text, true), FROM_NAME.0, FROM_NAME.1), "（填写法人单位名称或自然人名称）"),
    hint(c(f("code", "统一社会信用代码", "Unified social credit code (ID number for a person)", UsccOrId, true), FROM_CODE.0, FROM_CODE.1), "（自然人填写身份证号）"),
    c(f("contact", "联系方式", "Contact number", Phone, true), FROM_CONTACT.0, FROM_CONTACT.1),
    hint(
        c(f("description", "失信信息内容描述", "Description of the adverse information", Multiline, true), FROM_DESC.0, FROM_DESC.1),
        "xxxx年xx月xx日，因****行为被处以***罚款或者解除协议等（可提供页面打印件或复印件）",
    ),
    FieldDef {
        options: ART29_OPTIONS,
        ..c(f("art29", "申请信用修复的理由：符合第二十九条规定", "Grounds: meets article 29", Choice, true), "信用修复条件检查的结论", "the verdict of the repair check")
    },
    c(f("applicationDate", "申请日期", "Date of application", Date, true), FROM_APPLIED.0, FROM_APPLIED.1),
];

/// 附件4 信用修复承诺书（第二十九条）.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第二十九条、附件4。
pub const FORM4: &[FieldDef] = &[
    c(f("unit", "单位名称", "Name of the unit", Text, true), FROM_NAME.0, FROM_NAME.1),
    c(f("code", "统一社会信用代码", "Unified social credit code", UsccOrId, true), FROM_CODE.0, FROM_CODE.1),
    c(f("penaltyDate", "处罚日期", "Date of the penalty", Date, true), "失信记录的处罚决定日期", "the record's decision date"),
    c(f("authority", "处罚机关", "Authority that imposed the penalty", Text, true), FROM_DEPT.0, FROM_DEPT.1),
    c(f("decisionNo", "处罚决定书文号", "Number of the penalty decision", Text, true), "失信记录的决定书文号", "the record's decision number"),
    f("pledgeDate", "日期（承诺人签字处，可留空手写）", "Date by the signature (may be left blank)", Date, false),
];

/// 附件5 不予信用修复告知书（第三十条）.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第三十条、附件5。
pub const FORM5: &[FieldDef] = &[
    f("number", "编号", "Notice number", Text, false),
    c(f("receivedDate", "收到申请日期", "Date the application was received", Date, true), FROM_APPLIED.0, FROM_APPLIED.1),
    c(f("applicationKind", "申请事项", "What was applied for", Text, true), "固定为“信用修复”", "always \"信用修复\" (credit repair)"),
    c(f("objectionBody", "异议申请受理机关", "Body that takes an objection", Text, true), FROM_DEPT.0, FROM_DEPT.1),
    c(f("bureau", "单位名称（公章）", "Issuing unit (official seal)", Text, false), FROM_DEPT.0, FROM_DEPT.1),
    f("signDate", "日期（公章处，可留空手写）", "Date by the seal (may be left blank)", Date, false),
    f("handler", "经办人", "Officer in charge", Text, false),
    f("handlerPhone", "经办人电话", "Officer's phone", Phone, false),
    FieldDef {
        printed: false,
        ..f("deliveryDate", "告知书送达日期", "Date the notice is delivered", Date, false)
    },
    FieldDef {
        printed: false,
        ..c(
            f("objectionLastDay", "异议申请期限最后一日", "Last day to object", Date, false),
            "送达日期起5个工作日（附件5、第三十条）",
            "5 working days from delivery (attachment 5, art. 30)",
        )
    },
];

/// 附件6 信用修复确认通知书（第三十条）.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》第三十条、附件6。
pub const FORM6: &[FieldDef] = &[
    hint(c(f("name", "名称", "Name", Text, true), FROM_NAME.0, FROM_NAME.1), "（填写法人单位名称或自然人名称）"),
    hint(c(f("code", "统一社会信用代码", "Unified social credit code (ID number for a person)", UsccOrId, true), FROM_CODE.0, FROM_CODE.1), "（自然人填写身份证号）"),
    c(f("legalRepresentative", "法定代表人", "Legal representative", Text, false), "主体的法定代表人", "the subject's legal representative"),
    c(f("contact", "联系方式", "Contact number", Phone, true), FROM_CONTACT.0, FROM_CONTACT.1),
    c(f("description", "失信信息内容", "Adverse information", Multiline, true), FROM_DESC.0, FROM_DESC.1),
    c(
        f("disclosed", "至申请日已披露（x年x个月）", "Disclosed until the application day (x years y months)", Text, true),
        "失信记录的公示日期至申请日期的整月数（民法典第二百零二条）",
        "whole months from the record's publication to the application date (Civil Code art. 202)",
    ),
    f("opinion", "修复处理意见", "Decision on the repair", Multiline, true),
    f("handler", "经办人", "Officer in charge", Text, false),
    f("signDate", "日期（盖章处，可留空手写）", "Date by the seal (may be left blank)", Date, false),
];

/// The six forms, 附件1 to 附件6.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》附件1—附件6。
pub const FORMS: &[FormDef] = &[
    FormDef {
        number: 1,
        zh: "异议信息处理申请表",
        en: "Application for handling an objection",
        basis_zh: "《汕尾市医疗保障信用管理办法（试行）》第二十二条、附件1",
        basis_en: "Shanwei measures, art. 22, attachment 1",
        fields: FORM1,
    },
    FormDef {
        number: 2,
        zh: "异议信息处理结果反馈单",
        en: "Reply on the handling of an objection",
        basis_zh: "《汕尾市医疗保障信用管理办法（试行）》第二十二条、附件2",
        basis_en: "Shanwei measures, art. 22, attachment 2",
        fields: FORM2,
    },
    FormDef {
        number: 3,
        zh: "信用修复申请表",
        en: "Application for credit repair",
        basis_zh: "《汕尾市医疗保障信用管理办法（试行）》第二十九条、附件3",
        basis_en: "Shanwei measures, art. 29, attachment 3",
        fields: FORM3,
    },
    FormDef {
        number: 4,
        zh: "信用修复承诺书",
        en: "Credit repair pledge",
        basis_zh: "《汕尾市医疗保障信用管理办法（试行）》第二十九条、附件4",
        basis_en: "Shanwei measures, art. 29, attachment 4",
        fields: FORM4,
    },
    FormDef {
        number: 5,
        zh: "不予信用修复告知书",
        en: "Notice of refusal of credit repair",
        basis_zh: "《汕尾市医疗保障信用管理办法（试行）》第三十条、附件5",
        basis_en: "Shanwei measures, art. 30, attachment 5",
        fields: FORM5,
    },
    FormDef {
        number: 6,
        zh: "信用修复确认通知书",
        en: "Notice confirming credit repair",
        basis_zh: "《汕尾市医疗保障信用管理办法（试行）》第三十条、附件6",
        basis_en: "Shanwei measures, art. 30, attachment 6",
        fields: FORM6,
    },
];

/// The form 附件`n`, if 1 ≤ n ≤ 6.
/// 依据：《汕尾市医疗保障信用管理办法（试行）》附件1—附件6。
pub fn form(n: u8) -> Option<&'static FormDef> {
    FORMS.iter().find(|d| d.number == n)
}
