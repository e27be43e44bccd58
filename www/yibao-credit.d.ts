// TypeScript declarations for ./yibao-credit.js (the JS API over the wasm core).
// Shapes follow the core's real output (`yibao-credit evaluate` etc.); fields marked optional are
// absent in some results. Dates are `YYYY-MM-DD` strings; points are numbers with ≤ 2 decimals.

/** Chinese first, English second. */
export interface Text { zh: string; en: string }

/** Every error the core throws: an `Error` with these fields. */
export interface YibaoError extends Error {
  /** Stable code, e.g. `E_INPUT_JSON`, `E_RULES_FORMAT`, `E_DATE_FORMAT`, `E_SCALE`. */
  code: string;
  zh: string;
  en: string;
  /** JSON path of the offending value (e.g. `$.bands[1].min`), when there is one. */
  path?: string;
}

export type SubjectType = 'retail-pharmacy' | 'medical-institution' | 'physician' | 'pharmacist' | 'insured' | (string & {});
export type Grade = 'A' | 'B' | 'C' | 'D' | 'E' | (string & {});
/** A JS object or its JSON text. */
export type Json<T> = T | string;

// ---------- evaluate ----------

export interface Subject { type: SubjectType; name?: string; code?: string }
export interface Period { from: string; to: string }
export interface CreditEvent { kind: string; date: string; description?: string; decisionNo?: string; department?: string }

export interface EvaluateInput {
  subject: Subject;
  /** The as-of date (the core never reads the clock). */
  asOf: string;
  /** Default: the year ending on `asOf`. */
  period?: Period;
  /** Answers by indicator code: a count, yes/no, a rating level id or points. */
  facts?: Record<string, number | boolean | string>;
  events?: CreditEvent[];
  allowOutOfEffect?: boolean;
  /** A rule-set document; default: the shipped sample set for `subject.type`. Not accepted by `RuleSet#evaluate`. */
  rules?: RuleSetDoc | string;
}

export interface RulesInfo {
  id: string; version: string; title: Text; issuer: Text; sample: boolean;
  /** SHA-256 of the rule text, hex. */
  hash: string;
  effectiveFrom: string; effectiveTo: string | null;
}

export interface Band { grade: Grade; label: Text; min: number; max?: number; side: 'trustworthy' | 'dishonest' | (string & {}); cite: string }
export interface Measure { id: string; kind: 'incentive' | 'penalty' | (string & {}); text: Text; cite: string }
export interface JointPunishment { text: Text; basis: string }
export interface NextGrade {
  grade: Grade; label: Text; min: number; gap: number; reachableByPoints: boolean;
  blockedBy?: Text;
  candidates: { code: string; name: Text; headroom: number; scoring: string; how: Text }[];
}
export interface TraceLine { amount: number; reason: Text }
export interface TraceNode { code: string; depth: number; name: Text; points: number; score: number; cite: string; lines: TraceLine[]; missing: boolean; note?: Text }
export interface Warning { code: string; zh: string; en: string }

export interface EvaluateResult {
  rules: RulesInfo;
  subject: { type: SubjectType; name: string; code: string };
  subjectClass: 'institution' | 'person';
  asOf: string;
  period: Period;
  /** 1000 for institutions, 100 for persons. */
  scale: number;
  score: number;
  grade: Grade;
  label: Text;
  band: Band;
  /** The grade the points alone give (differs from `grade` under a direct grade). */
  pointsGrade: Grade;
  directGrade?: { grade: Grade; reason: Text; cite: string };
  measures: Measure[];
  jointPunishments: JointPunishment[];
  nextGrade?: NextGrade;
  complete: boolean;
  missing: { code: string; name: Text; treatedAs: Text }[];
  eventsIgnored: unknown[];
  warnings: Warning[];
  trace: TraceNode[];
}

// ---------- rules ----------

export interface Indicator {
  code: string; parent?: string; depth: number; name: Text; points: number;
  scoring?: { type: 'yesNo' | 'rating' | 'deduction' | 'bonus' | (string & {}); per?: number; levels?: { id: string; label: Text; points: number }[]; eventKinds?: string[] };
  cite: { source: string; article: string };
}
/** A rule-set document (format in docs/rules-format.md). */
export interface RuleSetDoc {
  format: string; formatVersion: number; id: string; version: string; title: Text; issuer: Text; sample: boolean;
  notice?: Text; sources: { id: string; title: string; issuer?: string; date?: string }[]; effectiveFrom: string; effectiveTo?: string | null;
  subjectClass: 'institution' | 'person'; subjectTypes: SubjectType[]; scale: number;
  bands: unknown[]; indicators: Indicator[]; eventKinds: { kind: string; name: Text; nature: 'trustworthy' | 'dishonest' | (string & {}); cite: { source: string; article: string } }[];
  directGrades: unknown[]; measures: unknown; repair?: unknown;
}
export interface RulesListItem extends RulesInfo { name: string; subjectClass: 'institution' | 'person'; subjectTypes: SubjectType[] }
export interface CheckReport { valid: boolean; errors: { code: string; path?: string; zh: string; en: string }[]; warnings: { code: string; path?: string; zh: string; en: string }[] }

/** A checked rule set kept in memory, for re-evaluating as the user types. */
export class RuleSet {
  /** Reads a rule-set document (JSON text or object); throws the checker's first error. */
  constructor(doc: Json<RuleSetDoc>);
  /** The shipped sample rule set for a subject type. */
  static forSubjectType(subjectType: SubjectType): RuleSet;
  /** Same as `evaluate`, without `rules`. */
  evaluate(input: Json<Omit<EvaluateInput, 'rules'>>): EvaluateResult;
  readonly info: RulesInfo;
  readonly doc: RuleSetDoc;
  free(): void;
}

// ---------- grade, deadlines, calendar ----------

export interface GradeInput { scale: 'institution' | 'person'; score: number }
export interface GradeResult { scale: 'institution' | 'person'; max: number; score: number; grade: Grade; label: Text; band: Band; measures: Measure[]; rules: RulesInfo }

export interface Day {
  date: string; dateZh: string; weekday: Text; workingDay: boolean;
  reason: 'workday' | 'weekend' | 'holiday' | 'makeup-workday' | (string & {});
  label?: Text; holiday?: Text; noticeYear?: number; covered: boolean;
}
export interface YearRelied { year: number; covered: boolean; notice?: { year: number; papers: string[]; builtIn: boolean } }
/** Extra holiday notices: a calendar document for years after the built-in ones. */
export type Holidays = unknown;

export interface DeadlineInput { kind: string; from: string; days?: number; today?: string; filedOn?: string; holidays?: Holidays }
export interface DeadlineResult {
  kind: string; label: Text; basis: Text; startEvent: Text; counting: 'working-days' | 'calendar-days' | (string & {}); countingRule: Text;
  from: string; fromZh: string; countingStarts: string; firstCountedDay: string; days: number;
  due: string; dueZh: string; dueWeekday: Text; skipped: Day[]; yearsRelied: YearRelied[]; warnings: Warning[];
  [more: string]: unknown;
}
export interface DeadlineKind { kind: string; label: Text; basis: Text; startEvent: Text; counting: string; days: number; needsDays: boolean }
export interface WorkdayResult { day: Day; yearsRelied: YearRelied[]; warnings: Warning[] }

// ---------- identifiers ----------

export interface ValidateInput { kind: 'uscc' | 'id'; value: string; today?: string }
export interface ValidateResult {
  kind: 'uscc' | 'id'; input: string; normalized: string; valid: boolean;
  errors: { code: string; zh: string; en: string }[]; warnings: { code: string; zh: string; en: string }[];
  details: Record<string, unknown>;
}

// ---------- forms ----------

export interface FormField { id: string; label: Text; kind: string; required: boolean; maxLength?: number; computedFrom?: Text; printed: boolean }
export interface FormInfo { form: number; attachment: string; title: Text; basis: Text; fields: FormField[] }

// ---------- functions ----------

/** Loads the wasm (once). `wasm`: URL, Response, bytes or WebAssembly.Module; default: pkg/yibao_credit_bg.wasm next to the module. */
export function ready(wasm?: string | URL | Response | BufferSource | WebAssembly.Module): Promise<void>;
export function isReady(): boolean;
/** An error's message in `lang` (Chinese first). */
export function errorMessage(e: unknown, lang?: 'zh' | 'en'): string;

/** Score, grade, measures and trace. 依据 第十九、二十、二十五、二十六条. */
export function evaluate(input: Json<EvaluateInput>): EvaluateResult;
/** Grade, label and measures for a known score. */
export function grade(input: Json<GradeInput>): GradeResult;
/** With no argument (or `{}`): the shipped rule sets. With `{type}` or `{name}`: that rule-set document. */
export function rules(input?: Json<{ type?: SubjectType; name?: string }>): RulesListItem[] | RuleSetDoc;
/** Checks a rule-set document (its JSON text); never throws for a bad document, reports instead. */
export function checkRules(doc: string): CheckReport;
export function deadline(input: Json<DeadlineInput>): DeadlineResult;
export function deadlineKinds(input?: Json<{}>): DeadlineKind[];
export function workday(input: Json<{ date: string; holidays?: Holidays }>): WorkdayResult;
export function calendarMonth(input: Json<{ year: number; month: number; holidays?: Holidays }>): Record<string, unknown>;
export function timeline(input: Json<Record<string, unknown>>): Record<string, unknown>;
/** Unified social credit code (GB 32100-2015) or resident ID number (GB 11643-1999). */
export function validate(input: Json<ValidateInput>): ValidateResult;
/** Credit-repair eligibility: `verdict` is eligible / not-yet / not-eligible / needs-info. */
export function repair(input: Json<Record<string, unknown>>): Record<string, unknown> & { verdict: string; conditions: unknown[]; materials: unknown[]; rules: RulesInfo };
export function objection(input: Json<{ publicationDate: string; filedOn?: string; receivedOn?: string; today?: string; holidays?: Holidays }>): Record<string, unknown>;
/** One attachment form filled: fields, errors and print-ready HTML. */
export function form(input: Json<Record<string, unknown>>): Record<string, unknown> & { html: string };
export function forms(input?: Json<{}>): FormInfo[];
/** A whole CSV batch at once (see BatchRun for progress). */
export function batch(input: Json<Record<string, unknown>>): Record<string, unknown>;
export function batchTemplate(input: Json<Record<string, unknown>>): Record<string, unknown>;
/** Names of every command of the JSON API. */
export function commands(): string[];
/** Any command by name, JSON text in and out (unparsed). */
export function callJson(name: string, input: string): string;

/** A batch fed piece by piece. */
export class BatchRun {
  constructor(options: Json<{ asOf: string; type?: SubjectType; rules?: RuleSetDoc | string; allowOutOfEffect?: boolean }>);
  push(text: string): { rows: Record<string, unknown>[]; resultCsv: string };
  finish(): { summary: Record<string, unknown>; rows: Record<string, unknown>[]; resultCsv: string };
  free(): void;
}
