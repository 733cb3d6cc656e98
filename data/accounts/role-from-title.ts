import { scopeLevel, type Role, type ScopeLevel } from './role.ts';

/**
 * The role an official holds, read from the account list as villages and townships keep it: their
 * 单位 (王家坪镇民政办), 职务 (民政干部, 干部, 村报账员) and the level of their division code. The same
 * title means different posts at different levels (a 干部 at a township's 民政办 answers complaints
 * dispatched to it; at the city it is a city official), so the level is part of every decision
 * that the title alone cannot make.
 */

interface Rule {
  role: Role;
  /**
   * The levels the rule applies at. Omitted for titles that name their level (村报账员, 乡镇纪委书记):
   * those are read as written at any level, so a 村报账员 under a township code is reported as held
   * at the wrong level rather than as an unknown post.
   */
  at?: readonly ScopeLevel[];
  title?: RegExp;
  office?: RegExp;
  /** matched against the title or the office: 经管站站长 at XX镇, or 干部 at XX镇经管站 */
  either?: RegExp;
  /** the office is where complaints are dispatched to, so the account keeps it as its department */
  department?: true;
}

const VILLAGE = ['village'] as const;
const TOWNSHIP = ['township'] as const;
const COUNTY = ['county'] as const;
const CITY = ['city'] as const;

/** Titles of someone who works in an office, as opposed to a 保洁员 or 司机 on its payroll. */
const STAFF = /干部|专干|干事|工作人员|科员|办事员|主任|负责人|局长|站长|所长|股长|科长|专员|助理|会计|出纳|联络员/;

/**
 * First match wins, so the specific comes before the general: the supervision chair before the
 * 村委会主任 (a 主任 at the 村务监督委员会 is its chair), a township's 纪委 and 经管站 before its other offices, and the
 * titles that name their level before anything that goes by level. A new title is one line.
 */
export const ROLE_RULES: readonly Rule[] = [
  { role: 'supervision-chair', title: /村务监督(委员会|委)?主任|监委会主任|村监委主任/ },
  { role: 'village-accountant', title: /报账员|(村|社区)级?(会计|出纳)/ },
  { role: 'village-secretary', title: /(村|社区)(党(组织|总?支部?|委))?书记|村支书|(村|居)民?委员?会?主任|(村|社区)主任|两委(主要)?负责人|两委主干|一肩挑/ },
  { role: 'township-discipline', title: /乡镇纪(委|检)|(乡|镇|街道)纪工?委(书记|副书记|委员|干部)/ },

  { role: 'supervision-chair', at: VILLAGE, office: /监督委员会|监委会|监委/, title: /^主任$/ },
  { role: 'village-accountant', at: VILLAGE, title: /^(会计|出纳|文书兼会计)$/ },
  // only the head: a 副书记 or 委员 of the 两委 has no account of their own
  { role: 'village-secretary', at: VILLAGE, title: /^((党(组织|总?支部?|委))?书记|支书|主任)$/ },

  { role: 'township-discipline', at: TOWNSHIP, either: /纪委|纪工委|纪检|监察/ },
  { role: 'township-finance', at: TOWNSHIP, either: /经管|农经|财政所|财经所|财政分局|三资/ },
  // (?<!人): 人民政府 holds 民政 but is no department
  { role: 'department-staff', at: TOWNSHIP, office: /(?<!人)民政|党政|乡村振兴|社会事务|社会治理|综治|便民服务|(办|办公室|中心)$/, title: STAFF, department: true },

  { role: 'county-discipline', at: COUNTY, either: /纪委|监委|纪检|监察|巡察/ },
  // any county department (县直部门); not the 县委 or 人民政府 itself, which is no department to dispatch to
  { role: 'county-bureau', at: COUNTY, office: /(局|办|办公室|中心|站|所|部|[^县区市党]委|委员会)$/, title: STAFF, department: true },

  { role: 'city', at: CITY, title: /./ },
];

export interface TitleRole {
  role: Role;
  /** the office as written, for the roles complaints are dispatched to; null for the others */
  department: string | null;
}

/**
 * The role for a 单位, 职务 and division code, by the first rule that matches; null when none does
 * (a 保洁员, a 干部 at a 人民政府 with no office named, a code of no level), for the importer to report.
 */
export function roleFor(office: string, title: string, scope: string): TitleRole | null {
  const level = scopeLevel(scope.normalize('NFKC').trim());
  const titles = forms(title);
  const offices = forms(office);
  for (const rule of ROLE_RULES) {
    if (rule.at && (level === null || !rule.at.includes(level))) continue;
    if (rule.title && !titles.some((t) => rule.title?.test(t))) continue;
    if (rule.office && !offices.some((o) => rule.office?.test(o))) continue;
    const either = rule.either;
    if (either && !titles.some((t) => either.test(t)) && !offices.some((o) => either.test(o))) continue;
    return { role: rule.role, department: rule.department ? office.trim() : null };
  }
  return null;
}

// ——— private helpers ———

/**
 * The text as the rules read it, two ways: a bracketed note dropped (村（社区）党组织书记 →
 * 村党组织书记, 永定区农业农村局（乡村振兴局） → …局) and kept without its brackets (干部（民政） → 干部民政).
 * Spaces, full-width forms and the quotes of 村“两委” never matter.
 */
function forms(text: string): string[] {
  const plain = text
    .normalize('NFKC')
    .replace(/[\s\u3000]+/g, '')
    .replace(/["'“”‘’「」『』〝〞]/g, '')
    .replace(/[【〔［\[]/g, '(')
    .replace(/[】〕］\]]/g, ')');
  const dropped = plain.replace(/\([^()]*\)/g, '');
  const kept = plain.replace(/[()]/g, '');
  return dropped === kept ? [kept] : [dropped, kept];
}
