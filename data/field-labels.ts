/**
 * The Chinese names of publication fields, for messages an official reads (issue 16: "身份证号, not
 * idNumber"). The API's issues keep the field's own name in `field`, and English messages name it.
 */
const LABELS: Record<string, string> = {
  title: '标题', programme: '补贴项目名称', notes: '表格上下的说明文字', extra: '原表中的列', extraColumns: '原表列名',
  date: '日期', voucher: '凭证号', summary: '摘要', account: '科目', income: '收入', expense: '支出', balance: '余额', remark: '备注', counterparty: '收付款单位',
  seq: '序号', name: '姓名', idNumber: '身份证号', phone: '电话', bankCard: '银行卡号', quantity: '数量', unit: '单位', rate: '标准', rateText: '标准', amount: '金额',
  datePaid: '发放日期', channel: '发放方式',
  location: '地点', fundingSource: '资金来源', funding: '资金构成', budget: '预算', contractAmount: '合同金额', contractor: '承建单位', procurementMethod: '采购方式',
  plannedStart: '计划开工', actualStart: '实际开工', plannedCompletion: '计划完工', actualCompletion: '实际完工', progress: '进度', amountPaid: '已付金额', photos: '照片', caption: '照片说明',
  number: '合同编号', creditCode: '统一社会信用代码', partyId: '证件号码', subject: '标的物', area: '面积', areaUnit: '面积单位', start: '起始日期', end: '终止日期',
  annualAmount: '年租金', paymentTerms: '缴费方式', schedule: '应收计划', performance: '履约情况', due: '到期日', covers: '所属期间', text: '进度说明', percent: '进度百分比',
};

/** `idNumber` → 身份证号; a path (`rows[3].amount`, `funding.source`) by its last named part; the name itself when unknown. */
export function fieldLabel(field: string): string {
  const last = field.split('.').pop()?.replace(/\[\d+\]$/, '') ?? field;
  return LABELS[last] ?? LABELS[field] ?? field;
}
