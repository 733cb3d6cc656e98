/**
 * Passwords so common that an attacker tries them first, online, against every account.
 *
 * Where such lists come from: the "top N" tables published from breached password corpora —
 * for China the 2011 CSDN, Tianya and 7k7k leaks and the 12306 and 178.com lists as analysed in
 * the literature (e.g. Li, Han and Xu, "A Large-Scale Empirical Analysis of Chinese Web
 * Passwords", USENIX Security 2014; Wang et al., "Targeted Online Password Guessing", CCS 2016),
 * worldwide RockYou and the yearly SplashData / NordPass tables. This list was written by hand
 * from those well-known heads of the distribution, not downloaded: the heads are stable across
 * years (123456 has topped nearly every list since 2009), and a short list costs nothing to keep
 * in the source. NIST SP 800-63B asks for exactly this check ("values obtained from previous
 * breach corpuses") in place of composition rules.
 *
 * Entries shorter than the minimum length (10) can never pass the length rule anyway; they are
 * kept so the list stays usable on its own, e.g. to warn about an imported legacy password.
 * Entries are lower case; look them up with isCommonPassword, which folds case and width.
 */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  // digits: the heads of every Chinese and worldwide list
  '123456', '123456789', '12345678', '1234567890', '12345', '1234567', '123123', '123321',
  '111111', '11111111', '111111111', '1111111111', '000000', '00000000', '000000000', '0000000000',
  '666666', '66666666', '888888', '88888888', '8888888888', '999999', '99999999', '222222',
  '22222222', '555555', '55555555', '777777', '987654321', '9876543210', '87654321', '654321',
  '0123456789', '01234567890', '123123123', '123321123', '112233', '11223344', '121212',
  '12121212', '12341234', '12344321', '123654789', '147258369', '147258', '159357', '159753',
  '258369', '369258147', '741852963', '789456123', '789456', '456789', '123456123', '1234512345',
  '1122334455', '1314520', '31415926', '3141592653', '110110', '110110110', '520520', '520520520',
  // love numbers: 520 (我爱你), 1314 (一生一世)
  '5201314', '52013145201314', '5201314520', '1314520520', '13145201314', '520131400', '201314',
  '5211314', '1314521', '584520', '5845201314',
  // pinyin and love phrases
  'woaini', 'woaini1314', 'woaini520', 'woaini123', 'woaini123456', 'woaiwojia', 'woainima',
  'wodemima', 'mima', 'mima123456', 'nihao123', 'nihao123456', 'zhang123', 'wang123456',
  'li123456', 'liu123456', 'chen123456', 'zhangwei', 'wangwei', 'xiaoming', 'zhongguo',
  'zhongguo123', 'zxcvbnm123', 'aini1314', 'iloveyou1314',
  // letters plus digits
  'a123456', 'a12345678', 'a123456789', 'a1234567', 'a1234567890', 'aa123456', 'aa12345678',
  'aaa123456', 'abc123', 'abc12345', 'abc123456', 'abc1234567', 'abc123456789', 'abcd1234',
  'abcd123456', 'abcd12345678', 'qq123456', 'qq123456789', 'qq5201314', 'qq1234567890',
  'q123456', 'q1234567890', 'w123456', 'z123456', 'zz123456', 'asd123456', 'qwe123456',
  'qwe123', 'zxc123456', 'abc123abc', 'a1b2c3d4', 'a1b2c3d4e5', '123456a', '123456aa',
  '123456abc', '123456789a', '123456789abc', '1234567890a', '123qwe', '123qweasd',
  '123qweasdzxc', '123abc', '1234abcd', '1234qwer', 'qwer1234', 'qwert12345', 'abcdefg123',
  // keyboard walks
  'qwerty', 'qwertyui', 'qwertyuiop', 'qwerty123', 'qwerty123456', 'asdfgh', 'asdfghjkl',
  'asdfghjkl123', 'zxcvbn', 'zxcvbnm', 'qazwsx', 'qazwsxedc', 'qazwsxedcrfv', '1qaz2wsx',
  '1qaz2wsx3edc', '1qaz2wsx3edc4rfv', '1q2w3e4r', '1q2w3e4r5t', '1q2w3e4r5t6y', 'q1w2e3r4',
  'q1w2e3r4t5', 'zaq12wsx', '!qaz2wsx', '1qazxsw2', 'qweasdzxc', 'asdasdasd', 'asdasd',
  'qweqweqwe', 'aaaaaaaa', 'qqqqqqqq', 'abcdefgh', 'abcdefghij', 'aa112233',
  // English words and worldwide favourites
  'password', 'password1', 'password123', 'password1234', 'passw0rd', 'p@ssw0rd', 'p@ssword',
  'iloveyou', 'iloveyou123', 'admin', 'admin123', 'admin123456', 'administrator', 'root123456',
  'welcome', 'welcome123', 'letmein', 'letmein123', 'monkey', 'dragon', 'football', 'baseball',
  'sunshine', 'princess', 'shadow', 'superman', 'master', 'michael', 'jennifer', 'trustno1',
  'whatever', 'starwars', 'computer', 'internet', 'changeme', 'changeme123', 'default',
  'dearbook', 'xiazhili', 'test123456', 'guest123456', 'hello123456', 'helloworld',
  'loveyou1314', 'family123', 'china123', 'china123456', 'beijing123', 'shanghai123',
]);

/** Whether the password is on the deny list, ignoring case and full-width forms (ＡＢＣ１２３ is abc123). */
export function isCommonPassword(plain: string): boolean {
  return COMMON_PASSWORDS.has(plain.normalize('NFKC').toLowerCase());
}
