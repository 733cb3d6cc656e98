import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { toBase64 } from './base64.ts';
import { checkpointText, openCheckpoint, parseCheckpointText, rootFingerprint, signCheckpoint, type Checkpoint } from './checkpoint.ts';
import { HashTree } from './hash-tree.ts';
import { verifierKey } from './signed-note.ts';

const ORIGIN = 'cunwu.example.cn/log';
const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const signer = { name: ORIGIN, key: privateKey };
const vkey = verifierKey(ORIGIN, publicKey);
const tree = HashTree.fromLeaves(Array.from({ length: 21 }, (_, i) => `leaf ${i}`));
const checkpoint: Checkpoint = { origin: ORIGIN, size: 21, root: tree.root() };

describe('checkpoints', () => {
  it('writes the C2SP body: origin, decimal size, base64 root, then the signature line', () => {
    const note = signCheckpoint(checkpoint, signer);
    const lines = note.split('\n');
    expect(lines.slice(0, 4)).toEqual([ORIGIN, '21', toBase64(tree.root()), '']);
    expect(lines[4]).toMatch(new RegExp(`^— ${ORIGIN.replace('.', '\\.')} [A-Za-z0-9+/]{91}=$`));
    expect(lines.slice(5)).toEqual(['']);
  });

  it('round-trips through signing and opening with the verifier key', () => {
    const opened = openCheckpoint(signCheckpoint(checkpoint, signer), vkey);
    expect(opened).toEqual({ ok: true, checkpoint, signedBy: [vkey.split('+').slice(0, 2).join('+')] });
  });

  it('writes the empty tree as size 0 with the SHA-256 of nothing', () => {
    const empty = { origin: ORIGIN, size: 0, root: new HashTree().root() };
    expect(checkpointText(empty)).toBe(`${ORIGIN}\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n`);
    expect(openCheckpoint(signCheckpoint(empty, signer), vkey)).toMatchObject({ ok: true, checkpoint: empty });
  });

  it('fails, with a reason, under another key', () => {
    const other = generateKeyPairSync('ed25519');
    const note = signCheckpoint(checkpoint, { name: ORIGIN, key: other.privateKey });
    expect(openCheckpoint(note, vkey)).toMatchObject({ ok: false, reason: 'no-trusted-signature' });
  });

  it('fails when the size, the root or the origin was altered after signing', () => {
    const note = signCheckpoint(checkpoint, signer);
    const otherRoot = toBase64(tree.root(20));
    const altered = {
      size: note.replace('\n21\n', '\n22\n'),
      root: note.replace(toBase64(tree.root()), otherRoot),
      origin: note.replace(`${ORIGIN}\n`, 'cunwu.example.cn/lo9\n'),
    };
    for (const [what, text] of Object.entries(altered)) {
      expect(text, what).not.toBe(note);
      expect(openCheckpoint(text, vkey), what).toMatchObject({ ok: false, reason: 'bad-signature' });
    }
  });

  it('fails when the checkpoint is of another log than the key names', () => {
    const note = signCheckpoint({ ...checkpoint, origin: 'elsewhere.example/log' }, signer);
    expect(openCheckpoint(note, vkey)).toMatchObject({ ok: false, reason: 'origin-mismatch' });
    expect(openCheckpoint(note, vkey, { origin: 'elsewhere.example/log' }).ok).toBe(true);
  });

  it('fails on a malformed verifier key or checkpoint body, and never throws', () => {
    expect(openCheckpoint(signCheckpoint(checkpoint, signer), vkey.replace(/\+[0-9a-f]{8}\+/, '+00000000+'))).toMatchObject({ ok: false, reason: 'malformed-key' });
    for (const text of [`${ORIGIN}\n021\n${toBase64(tree.root())}\n`, `${ORIGIN}\n21\n${toBase64(tree.root().subarray(1))}\n`, `${ORIGIN}\n21\n`, `\n21\n${toBase64(tree.root())}\n`]) {
      expect(parseCheckpointText(text), text).toMatchObject({ ok: false, reason: 'malformed-checkpoint' });
    }
    expect(openCheckpoint('garbage', vkey)).toMatchObject({ ok: false, reason: 'malformed-note' });
  });

  it('keeps extension lines it reads', () => {
    const text = `${ORIGIN}\n21\n${toBase64(tree.root())}\nextra line\n`;
    expect(parseCheckpointText(text)).toEqual({ ok: true, checkpoint: { ...checkpoint, extensions: ['extra line'] } });
  });

  it('shortens a root to four groups of hex for print-outs', () => {
    expect(rootFingerprint(Uint8Array.from({ length: 32 }, (_, i) => i * 17))).toBe('0011 2233 4455 6677');
  });
});
