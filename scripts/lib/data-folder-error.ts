import { join, resolve, sep } from 'node:path';

/**
 * What the operator must fix when the data folder or its database cannot be used: one paragraph,
 * Chinese first, English alongside, naming the path and the system's code, instead of a stack
 * trace from deep inside SQLite or node:fs. `npm start`, `scripts/serve.ts` and every
 * `npm run portal` command print it and stop.
 */
export class DataFolderError extends Error {
  override name = 'DataFolderError';
}

/**
 * The error met while opening or locking the data folder, as a DataFolderError with its paragraph;
 * null when it is not about the folder (a bug: the caller lets its stack show).
 */
export function dataFolderError(dataDir: string, error: unknown): DataFolderError | null {
  if (error instanceof DataFolderError) return error;
  const code = errorCode(error);
  const kind = code ? KINDS.find(([pattern]) => pattern.test(code))?.[1] : undefined;
  if (!code || !kind) return null;
  const [zh, en] = TEXT[kind](dataDir, join(dataDir, 'portal.sqlite'), code);
  return new DataFolderError(`${zh} / ${en}`);
}

/**
 * What a command or server prints when it stops on `error`: the paragraph for a DataFolderError,
 * or for a file-system error on a path inside the data folder (a key file it could not read);
 * null for anything else, whose stack is worth showing.
 */
export function explainStartFailure(dataDir: string, error: unknown): string | null {
  if (error instanceof DataFolderError) return error.message;
  const path = typeof error === 'object' && error !== null ? (error as { path?: unknown }).path : undefined;
  const root = resolve(dataDir);
  if (typeof path !== 'string' || (resolve(path) !== root && !resolve(path).startsWith(`${root}${sep}`))) return null;
  return dataFolderError(dataDir, error)?.message ?? null;
}

// ——— private helpers ———

type Kind = 'corrupt' | 'not-a-folder' | 'permission' | 'full' | 'io' | 'busy';

const KINDS: ReadonlyArray<[RegExp, Kind]> = [
  [/^SQLITE_(NOTADB|CORRUPT)/, 'corrupt'],
  [/^(ENOTDIR|EEXIST|EISDIR|ELOOP|ENAMETOOLONG)$/, 'not-a-folder'],
  [/^(EACCES|EPERM|EROFS)$|^SQLITE_(READONLY|CANTOPEN|PERM|AUTH)/, 'permission'],
  [/^(ENOSPC|EDQUOT)$|^SQLITE_FULL/, 'full'],
  [/^EIO$|^SQLITE_IOERR/, 'io'],
  [/^SQLITE_(BUSY|LOCKED)/, 'busy'],
];

const NOTHING_CHANGED = ['没有做任何改动', 'nothing was changed'] as const;

const TEXT: Record<Kind, (dir: string, file: string, code: string) => [string, string]> = {
  corrupt: (_dir, file, code) => [
    `数据库文件 ${file} 已损坏或不是本门户的数据库（${code}），${NOTHING_CHANGED[0]}。请从备份恢复这个文件（连同同名的 -wal 文件），或把 PORTAL_DATA_DIR 指向另一个数据目录。`,
    `The database file ${file} is damaged or is not a portal database (${code}); ${NOTHING_CHANGED[1]}. Restore it from a backup (with its -wal file), or point PORTAL_DATA_DIR at another data folder.`,
  ],
  'not-a-folder': (dir, _file, code) => [
    `数据目录 ${dir} 或其中的 portal.sqlite 不是应有的类型（${code}）：PORTAL_DATA_DIR 须指向一个目录，portal.sqlite 须是文件，${NOTHING_CHANGED[0]}。`,
    `The data folder ${dir} or its portal.sqlite is not what it should be (${code}): PORTAL_DATA_DIR must name a folder and portal.sqlite must be a file; ${NOTHING_CHANGED[1]}.`,
  ],
  permission: (dir, file, code) => [
    `数据目录 ${dir} 或其中的 ${file} 无法打开或读写（${code}），${NOTHING_CHANGED[0]}。请检查 portal.sqlite 是一个文件，这个目录和其中文件的属主与权限允许运行门户的用户读写；或把 PORTAL_DATA_DIR 指向可写的目录。`,
    `The data folder ${dir} or its ${file} cannot be opened, read or written (${code}); ${NOTHING_CHANGED[1]}. Check that portal.sqlite is a file and that the owner and permissions of the folder and its files let the user running the portal read and write them; or point PORTAL_DATA_DIR at a writable folder.`,
  ],
  full: (dir, _file, code) => [
    `数据目录 ${dir} 所在的磁盘已满（${code}），${NOTHING_CHANGED[0]}。请腾出空间后再试。`,
    `The disk holding the data folder ${dir} is full (${code}); ${NOTHING_CHANGED[1]}. Free some space and try again.`,
  ],
  io: (dir, _file, code) => [
    `读写数据目录 ${dir} 时磁盘出错（${code}），${NOTHING_CHANGED[0]}。请检查磁盘，必要时从备份恢复。`,
    `The disk failed while reading or writing the data folder ${dir} (${code}); ${NOTHING_CHANGED[1]}. Check the disk and restore from a backup if needed.`,
  ],
  busy: (_dir, file, code) => [
    `数据库文件 ${file} 正被另一个程序锁定（${code}），${NOTHING_CHANGED[0]}。请关闭正在使用它的程序后再试。`,
    `The database file ${file} is locked by another program (${code}); ${NOTHING_CHANGED[1]}. Close the program using it and try again.`,
  ],
};

function errorCode(error: unknown): string | null {
  if (typeof error !== 'object' || error === null) return null;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : null;
}
