import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseConfig, type Config } from '../../data/config.ts';
import { verifierKey } from '../../data/log/signed-note.ts';
import { beneficiaryKeyFile, loadBeneficiaryKey, loadLogSigner, logKeyFile } from './runtime.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cunwu-log-key-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function configWith(env: Record<string, string>): Config {
  const parsed = parseConfig({ PORTAL_DATA_DIR: dir, ...env }, '/');
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.config;
}

describe('the log signing key', () => {
  it('is made on first use, readable by the portal’s user only, and named after the public host', async () => {
    const config = configWith({ PORTAL_BASE_URL: 'https://cunwu.example.cn:8443/' });
    const signer = await loadLogSigner(config);
    expect(signer.name).toBe('cunwu.example.cn:8443/log');
    expect(signer.key.asymmetricKeyType).toBe('ed25519');
    expect(statSync(logKeyFile(config)).mode & 0o777).toBe(0o600);
  });

  it('keeps its key and origin for good, whatever the environment says later', async () => {
    const first = await loadLogSigner(configWith({ PORTAL_LOG_ORIGIN: 'cunwu.zjj.gov.cn/log' }));
    const again = await loadLogSigner(configWith({ PORTAL_LOG_ORIGIN: 'other.example/log', PORTAL_BASE_URL: 'https://x.example' }));
    expect(again.name).toBe('cunwu.zjj.gov.cn/log');
    expect(verifierKey(again.name, again.key)).toBe(verifierKey(first.name, first.key));
  });

  it('refuses a key file it cannot read, naming the file', async () => {
    const config = configWith({});
    writeFileSync(logKeyFile(config), '{"origin": "x/log"}');
    await expect(loadLogSigner(config)).rejects.toThrow(logKeyFile(config));
    expect(readFileSync(logKeyFile(config), 'utf8')).toBe('{"origin": "x/log"}');
  });

  it('refuses an origin a signed note cannot carry', () => {
    expect(parseConfig({ PORTAL_DATA_DIR: dir, PORTAL_LOG_ORIGIN: 'cunwu example/log' }, '/').ok).toBe(false);
  });
});

describe('the beneficiary fingerprint key', () => {
  it('is 32 random bytes made on first use, private to the portal’s user, and the same ever after', async () => {
    const config = configWith({});
    const first = await loadBeneficiaryKey(config);
    expect(first).toHaveLength(32);
    expect(statSync(beneficiaryKeyFile(config)).mode & 0o777).toBe(0o600);
    expect(await loadBeneficiaryKey(config)).toEqual(first);
    // another data folder, another key
    const elsewhere = mkdtempSync(join(tmpdir(), 'cunwu-key-'));
    try {
      const parsed = parseConfig({ PORTAL_DATA_DIR: elsewhere }, '/');
      if (!parsed.ok) throw new Error(parsed.message);
      expect(await loadBeneficiaryKey(parsed.config)).not.toEqual(first);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('refuses a malformed key file, naming it', async () => {
    const config = configWith({});
    writeFileSync(beneficiaryKeyFile(config), 'not hex\n');
    await expect(loadBeneficiaryKey(config)).rejects.toThrow(beneficiaryKeyFile(config));
  });
});
