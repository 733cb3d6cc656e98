/**
 * Where the default catalogue's rules are written, as its items cite them. Each entry names the
 * rule and the public page it was read from (/work/shared/reference/village-oversight-rules.md
 * gathers them); a number that is a local rule says whose it is, so a county knows what to override.
 */
export const SOURCE = {
  ningHai36: '宁海县《村级权力清单36条》（2014）：集体管理事项与便民服务事项两类 — http://nh.cnnb.com.cn/system/2017/06/14/011569387.shtml',
  noOne2018: '2018 年中央一号文件：“推行村级小微权力清单制度” — http://www.handmsg.com/page/2023/0925/22846368.shtml',
  gb41371: 'GB/T 41371-2022《村务管理 事项运行流程编制指南》 — https://www.chinesestandards.org/standards/GB/T%2041371-2022',
  fourTwo:
    '“四议两公开”工作制度：党组织提议、两委商议、党员大会审议、村民（代表）会议决议，决议公开、实施结果公开 — https://tunchang.fytlaw.com/news/202501/09/5929.html ；https://www.360docs.net/doc/2a5845603.html',
  orgLaw22:
    '《村民委员会组织法》第二十二条：村民会议须本村十八周岁以上村民过半数或本村三分之二以上户的代表参加，所作决定经到会人员过半数通过，提前十天通知 — https://jd.9ly.com.cn/jxwd/202407/263158.html',
  orgLaw26:
    '《村民委员会组织法》第二十六条：村民代表会议有三分之二以上组成人员参加方可召开，所作决定经到会人员过半数同意，每季度召开一次 — https://www.ziyunlou.com/article/qmzerj.html',
  orgLaw30:
    '《村民委员会组织法》第三十条：村民（代表）会议决定事项及实施情况、救灾救助补贴补助款物、计划生育政策落实方案及村民普遍关心的事项应当公布；一般事项至少每季度一次，重大事项随时公布 — http://crsrw.com/falvjiangtang/95197.html',
  provincial16:
    '某省《村民委员会组织法》实施办法第十六条：征地、承包、贷款、对外签订合同等重大事项须经村民（代表）会议讨论决定 — http://ask.fsou.com/html/text/lar/173661/17366128_3.html',
  zhongBan2004:
    '中办发〔2004〕17号：土地征用补偿及分配、机动地和四荒地发包、集体债权债务、一事一议筹资筹劳、种粮直补、退耕还林款物应予公开，公开延伸至事前、事中、事后 — http://www.diyifanwen.net/c0h5dy0wdam4mg6283wcf_2.html',
  financeDisclosure2011:
    '《农村集体经济组织财务公开规定》（农业部、监察部，2012-01-01 施行）：8 大类 44 小项逐项逐笔公开，土地征占补偿、资产资源发包租赁、工程招投标、一事一议专项公开，民主理财小组审核后公布 — http://big5.www.gov.cn/gate/big5/www.gov.cn//gzdt/2011-11/25/content_2003610.htm',
  finance2021:
    '财农〔2021〕121号《农村集体经济组织财务制度》：民主管理、公开透明、成员受益 — https://zfkj.wiki.oeerp.com/cwgl/z-nongcun-jiti-jingji-zuzhi-caiwu-zhidu',
  democraticFinance:
    '民主理财：报销经经手人签字、民主理财小组集体审核并由组长签章、书记或主任审批后由会计记账；对质询 10 日内答复（地方规定） — http://www.fymate.net/html/text/lar/172742/17274291_3.html ；http://www.holdmm.net/html/text/chl/511/51176_1.html',
  supervision2017:
    '中办、国办《关于建立健全村务监督委员会的指导意见》（2017）：监督村务决策和公开、村级财产管理、工程项目建设、惠农政策落实 — https://china.zjol.com.cn/gnxw/201712/t20171205_5935846.shtml',
  yueyang:
    '岳阳县村级工程与采购分级规定（地方规定，本清单的默认分级）：1 万元以下两委会议并知会片区监委；1 万～5 万元两委会议并经全体监委；5 万～10 万元两委会议、村民议事会表决，本村有资质队伍现场竞标；10 万元以上对外公开招标 — https://bqfww.com/gongwen/xiangzhen/759zov.html',
  zhejiangProcurement:
    '浙江村级工程采购流程（地方做法）：2000 元以下／2000 元～5 万元／5 万～20 万元村联席会议／20 万元以上村民代表会议；立项、审批、交易、合同备案、施工、竣工验收、审价、结算、支付审批 — https://processon.com/view/66225a51eef1884f2f130636',
  majorThreshold: '5 万元以上重大事项及其进程随时公布（地方做法） — http://usastudygroup.com/art/2022/12/28/art_1229708116_59085843.html',
  homestead2019:
    '农经发〔2019〕6号（农村宅基地审批管理）：组级集体经济组织 10 日内提交成员（代表）会议讨论并公示，乡镇受理后 15 日内实地审查联审，收到联审结果 5 日内审批，受理至决定不超过 20 日 — https://m.nongjiao.com/news/read-16421.html',
  homesteadNotice: '宅基地申请张榜公告不少于 7 日、批准后再公告 7 日（早期县级规定） — https://m.78911.com.cn/GuoJiaZhengCe/716896-3.html',
  seal: '村级印章管理：审批人与保管人分设；一般证明由保管人直接盖章；合同、申请经主任签批后盖章；贷款、重大工程发包、担保须经村民（代表）会议表决后盖章；用印登记事由、日期次数、批准人、经办人；禁止在空白纸上盖章 — https://gbbk.net/changshi/BM4KD2R658.html ；https://www.1mishu.com/Article/guizhangzhidu/gongzuoguiding/201308/754715.html',
  dibao:
    '最低生活保障（早期省级规定）：县级 10 个工作日内复核，村委会再公示不少于 3 日，定期动态核查 — http://www.fymate.net/html/text/lar/169823/16982318_4.html',
  sixLists:
    '村级“六张清单”（自治事项、协助政府事项、负面事项、依法出具证明事项、管理服务事项、小微权力）— http://cqwl.gov.cn/bmjz_sites/jz/sqx_98930/zwgk_98958/fdzdgknr_98960/lzyj_98961/zcwj_98962/202212/t20221201_11349341.html',
  cash: '库存现金限额一般为 5000 元，不准白条抵库，收取现金 3 天内交账、不跨月（村级财务制度范本） — https://www.fanwen9.com/zhidu/334374.html',
} as const;

/**
 * Where a disclosure goes by default (中办发〔2004〕17号: 固定公开栏 plus other channels). Pages show
 * the names as written; a county may add its broadcast or group chat.
 */
export const NOTICE_BOARD = '村务公开栏';
export const PORTAL = '阳光村务平台';
export const DEFAULT_WHERE = [NOTICE_BOARD, PORTAL];

/** 万元 to fen, for writing tiers as the rules state them (1 万元 = 1 000 000 fen). */
export function wan(n: number): number {
  return n * 1_000_000;
}

/** 元 to fen. */
export function yuan(n: number): number {
  return n * 100;
}
