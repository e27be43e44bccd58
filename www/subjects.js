// Subject types (依据：《汕尾市医疗保障信用管理办法（试行）》第五条): [id, 中文, English].
export const ALL_TYPES = [
  ['retail-pharmacy', '定点零售药店', 'Designated retail pharmacy'],
  ['medical-institution', '定点医疗机构', 'Designated medical institution'],
  ['other-institution', '其他机构', 'Other institution'],
  ['physician', '医保医师', 'Medical-insurance physician'],
  ['pharmacist', '医保药师', 'Medical-insurance pharmacist'],
  ['insured', '参保人员', 'Insured person'],
  ['other-person', '其他个人', 'Other person'],
];

/** The types the built-in sample rule sets cover (the "other" types need a bureau's own rules). */
export const TYPES = ALL_TYPES.filter(([id]) => !id.startsWith('other-'));

/** The types scored under 医保支付资格记分 (the shipped models' subjectTypes): the self-assessment shows that section for them. */
export const POINT_TYPES = ['physician', 'pharmacist'];

/** 机构类 (identified by 统一社会信用代码, 第八条) rather than 个人类 (ID number). */
export function isInstitution(type) {
  return ['retail-pharmacy', 'medical-institution', 'other-institution'].includes(type);
}
