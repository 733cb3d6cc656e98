import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openNote, parseVerifierKey, signNote, verifierKey, type NoteVerifier } from './signed-note.ts';

// The example of golang.org/x/mod/sumdb/note (note.go, package documentation): its signer key
// PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz, verifier key and note.
const GO_SEED = Buffer.from('AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz', 'base64').subarray(1);
const GO_VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const GO_TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const GO_NOTE = `${GO_TEXT}\n— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`;

const peter = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX(), GO_SEED]), format: 'der', type: 'pkcs8' });
const trusted = (vkey: string): NoteVerifier => {
  const parsed = parseVerifierKey(vkey);
  if (!parsed.ok) throw new Error(parsed.detail);
  return parsed.verifier;
};

describe('signed notes', () => {
  it('signs exactly as golang.org/x/mod/sumdb/note does, and gives the same verifier key', () => {
    expect(verifierKey('PeterNeumann', peter)).toBe(GO_VKEY);
    expect(signNote(GO_TEXT, [{ name: 'PeterNeumann', key: peter }])).toBe(GO_NOTE);
  });

  it('opens the Go example note with its verifier key', () => {
    expect(openNote(GO_NOTE, [trusted(GO_VKEY)])).toEqual({ ok: true, text: GO_TEXT, signedBy: ['PeterNeumann+c74f20a3'] });
    expect(openNote(new TextEncoder().encode(GO_NOTE), [trusted(GO_VKEY)]).ok).toBe(true);
  });

  it('rejects a note whose text changed after signing', () => {
    expect(openNote(GO_NOTE.replace('cryptography', 'cryptographY'), [trusted(GO_VKEY)])).toMatchObject({ ok: false, reason: 'bad-signature' });
  });

  it('ignores signatures by unknown keys, and fails when no trusted key signed', () => {
    const other = generateKeyPairSync('ed25519').privateKey;
    const both = signNote(GO_TEXT, [{ name: 'EnochRoot', key: other }, { name: 'PeterNeumann', key: peter }]);
    expect(openNote(both, [trusted(GO_VKEY)])).toMatchObject({ ok: true, signedBy: ['PeterNeumann+c74f20a3'] });
    // the same name with another key has another key ID: an unknown key, not a forgery
    const impostor = signNote(GO_TEXT, [{ name: 'PeterNeumann', key: other }]);
    expect(openNote(impostor, [trusted(GO_VKEY)])).toMatchObject({ ok: false, reason: 'no-trusted-signature' });
  });

  it('refuses malformed notes', () => {
    const verifiers = [trusted(GO_VKEY)];
    const malformed = [
      GO_TEXT, // no signatures
      GO_NOTE.slice(0, -1), // no final newline
      GO_NOTE.replace('— ', '-- '),
      GO_NOTE.replace('x08go', 'x08g*'),
      GO_NOTE.replace('PeterNeumann x08', 'Peter+Neumann x08'),
      `bell\u0007\n${GO_NOTE}`,
      `${GO_TEXT}\n— PeterNeumann AAAA\n`, // shorter than a key ID and a signature
    ];
    for (const note of malformed) expect(openNote(note, verifiers), JSON.stringify(note.slice(-30))).toMatchObject({ ok: false, reason: 'malformed-note' });
    expect(openNote(Uint8Array.of(0xff, 0x0a, 0x0a), verifiers)).toMatchObject({ ok: false, reason: 'malformed-note' });
  });

  it('checks that a verifier key is well formed and its ID belongs to its name and key', () => {
    expect(parseVerifierKey(GO_VKEY).ok).toBe(true);
    for (const bad of [
      'PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW',
      'PeterNeuman+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW',
      'PeterNeumann+c74f20a3+AhpTc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10T',
      'PeterNeumann+c74f20a3',
      'PeterNeumann+C74F20A3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW',
    ]) {
      expect(parseVerifierKey(bad), bad).toMatchObject({ ok: false, reason: 'malformed-key' });
    }
  });

  it('refuses to sign a text without its final newline or under an invalid name', () => {
    expect(() => signNote('no newline', [{ name: 'a', key: peter }])).toThrow(/newline/);
    expect(() => signNote('x\n', [{ name: 'has space', key: peter }])).toThrow(/name/);
  });
});

/** PKCS #8 wrapping of a raw Ed25519 seed (RFC 8410). */
function PKCS8_ED25519_PREFIX(): Buffer {
  return Buffer.from('302e020100300506032b657004220420', 'hex');
}
