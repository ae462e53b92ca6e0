// HTTPS against a real TLS server on 127.0.0.1 whose certificates were made for this run by the openssl command line
// (test/fixtures/testPki.ts): a private CA is trusted once its file is named (litellm.caCertificates, the CLI's
// --ca-file or NODE_EXTRA_CA_CERTS), and an untrusted, self-signed, wrong-host or expired certificate is refused with
// a message naming the host, the problem in plain words, and the fix. A CA file that cannot be used is refused by name.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tls from 'node:tls';
import { checkConnection } from '../../src/core/connectionCheck';
import { LiteLLMClient } from '../../src/core/client';
import { isLiteLLMError, LiteLLMError } from '../../src/core/errors';
import { parseSettings } from '../../src/core/settings';
import { cliText } from '../../src/cli/surface';
import { extensionSurface } from '../../src/extension/messageSurface';
import { englishL10n, renderMessage } from '../../src/shared/messages';
import { runCli } from '../fixtures/cliProcess';
import { FakeLitellm } from '../fixtures/fakeLitellm';
import {
  makeTestPki,
  opensslUnavailable,
  TEST_HOST,
  type TestCertificate,
  type TestPki,
} from '../fixtures/testPki';

const KEY = 'sk-master-test';
const editorText = (e: LiteLLMError) => renderMessage(e.reported, extensionSurface(englishL10n, 'en'));

async function failure(work: Promise<unknown>): Promise<LiteLLMError> {
  try {
    await work;
  } catch (e) {
    assert.ok(isLiteLLMError(e), `a LiteLLMError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected a failure');
}

describe('TLS: certificates from a private CA', function () {
  let tmp: string;
  let pki: TestPki;
  const servers: FakeLitellm[] = [];

  before(function () {
    const why = opensslUnavailable();
    if (why) {
      console.log(`      (pending: ${why}; .ci/run installs it)`);
      this.skip();
    }
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lli-tls-'));
    pki = makeTestPki(path.join(tmp, 'pki'));
  });
  after(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  async function serve(cert: TestCertificate): Promise<FakeLitellm> {
    const fake = new FakeLitellm({ tls: { key: cert.key, cert: cert.cert } });
    await fake.start();
    servers.push(fake);
    return fake;
  }

  function client(baseUrl: string, caCertificates: string[] = [], extra: object = {}): LiteLLMClient {
    return new LiteLLMClient(parseSettings({ baseUrl, caCertificates, ...extra }), { apiKey: KEY });
  }

  it('trusts the CA named in the settings, and the report says where trust came from', async () => {
    const fake = await serve(pki.good);
    const c = client(fake.baseUrl, [pki.caFile]);
    try {
      const models = await c.listImageModels();
      assert.ok(models.length > 0);
      assert.equal(fake.requests.at(-1)?.headers.authorization, `Bearer ${KEY}`);
      const report = await checkConnection(c);
      assert.equal(report.ok, true, JSON.stringify(report.problems));
      assert.equal(report.certificates?.code, 'connection.certificates');
      assert.deepEqual(report.certificates?.params.files, [pki.caFile]);
      // Node 20 cannot read the system store; the extension host's Node 22+ can.
      const hasSystem = typeof (tls as { getCACertificates?: unknown }).getCACertificates;
      assert.equal(report.certificates?.params.system, hasSystem === 'function' ? 'used' : 'unavailable');
      assert.match(cliText(report.certificates!), new RegExp(pki.caFile.replace(/[/.]/g, '\\$&')));
      assert.deepEqual(report.forwardProxy.params, {});
    } finally {
      await c.dispose();
    }
  });

  it('pins a name to its vetted address and still checks the certificate against the name', async () => {
    const fake = await serve(pki.good);
    const url = `https://${TEST_HOST}:${fake.listeningPort}`;
    const asked: string[] = [];
    const c = new LiteLLMClient(
      parseSettings({ baseUrl: url, caCertificates: [pki.caFile], allowPrivateNetwork: true }),
      {
        apiKey: KEY,
        resolver: async (host) => {
          asked.push(host);
          return [{ address: '127.0.0.1', family: 4 }];
        },
      },
    );
    try {
      assert.ok((await c.listImageModels()).length > 0);
      assert.deepEqual([...new Set(asked)], [TEST_HOST]);
    } finally {
      await c.dispose();
    }
  });

  it('refuses a certificate from an unknown CA: names the host, the problem and the setting or flag', async () => {
    const fake = await serve(pki.good);
    const c = client(fake.baseUrl);
    try {
      const e = await failure(c.listImageModels());
      assert.equal(e.code, 'net.certificate');
      assert.deepEqual(e.params, {
        host: `127.0.0.1:${fake.listeningPort}`,
        problem: 'unknownCa',
        code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
      });
      assert.match(editorText(e), /127\.0\.0\.1:\d+.*certificate authority this machine does not trust/);
      assert.match(editorText(e), /litellm\.caCertificates/);
      assert.match(cliText(e.reported), /--ca-file \(or NODE_EXTRA_CA_CERTS\)/);
      assert.equal(fake.requests.length, 0, 'nothing reached the server');
    } finally {
      await c.dispose();
    }
  });

  it('refuses a self-signed certificate', async () => {
    const fake = await serve(pki.selfSigned);
    const c = client(fake.baseUrl, [pki.caFile]);
    try {
      const e = await failure(c.listImageModels());
      assert.equal(e.code, 'net.certificate');
      assert.equal((e.params as { problem: string }).problem, 'selfSigned');
      assert.match(editorText(e), /self-signed/);
    } finally {
      await c.dispose();
    }
  });

  it('refuses a certificate issued for another host, even from a trusted CA', async () => {
    const fake = await serve(pki.wrongHost);
    const c = client(fake.baseUrl, [pki.caFile]);
    try {
      const e = await failure(c.listImageModels());
      assert.equal(e.code, 'net.certificate');
      assert.equal((e.params as { problem: string }).problem, 'nameMismatch');
      assert.match(editorText(e), /different host name.*litellm\.baseUrl/);
    } finally {
      await c.dispose();
    }
  });

  it('refuses an expired certificate from a trusted CA', async () => {
    const fake = await serve(pki.expired);
    const c = client(fake.baseUrl, [pki.caFile]);
    try {
      const e = await failure(c.listImageModels());
      assert.equal(e.code, 'net.certificate');
      assert.deepEqual(e.params, {
        host: `127.0.0.1:${fake.listeningPort}`,
        problem: 'expired',
        code: 'CERT_HAS_EXPIRED',
      });
      assert.match(editorText(e), /has expired/);
    } finally {
      await c.dispose();
    }
  });

  it('refuses a CA file that is missing, relative, empty of certificates or broken, by name, before sending', async () => {
    const fake = await serve(pki.good);
    const noCert = path.join(tmp, 'readme.pem');
    fs.writeFileSync(noCert, 'not a certificate\n');
    const broken = path.join(tmp, 'broken.pem');
    fs.writeFileSync(broken, '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n');
    const missing = path.join(tmp, 'missing.pem');
    for (const [file, problem] of [
      [missing, 'unreadable'],
      ['ca.pem', 'notAbsolute'],
      [noCert, 'noCertificate'],
      [broken, 'invalid'],
    ] as const) {
      const c = client(fake.baseUrl, [pki.caFile, file]);
      try {
        const e = await failure(c.listImageModels());
        assert.equal(e.code, 'tls.caFile', file);
        assert.equal((e.params as { problem: string }).problem, problem, file);
        assert.ok(editorText(e).includes(file), editorText(e));
        assert.match(editorText(e), /litellm\.caCertificates/);
        const report = await checkConnection(c);
        assert.equal(report.ok, false);
        assert.equal(report.problems[0]?.code, 'tls.caFile');
      } finally {
        await c.dispose();
      }
    }
    assert.equal(fake.requests.length, 0);
  });

  describe('the CLI', () => {
    it('trusts a CA from --ca-file and from NODE_EXTRA_CA_CERTS, and names both when it is missing', async () => {
      const fake = await serve(pki.good);
      const env = { LITELLM_API_KEY: KEY };
      const viaFlag = await runCli(['check', '--base-url', fake.baseUrl, '--ca-file', pki.caFile], env);
      assert.equal(viaFlag.code, 0, viaFlag.stderr + viaFlag.stdout);
      const report = JSON.parse(viaFlag.stdout) as {
        ok: boolean;
        certificates: string;
        forwardProxy: string;
      };
      assert.equal(report.ok, true);
      assert.ok(report.certificates.includes(pki.caFile), report.certificates);
      assert.equal(report.forwardProxy, 'none (direct connection)');

      const viaEnv = await runCli(['models', '--base-url', fake.baseUrl], {
        ...env,
        NODE_EXTRA_CA_CERTS: pki.caFile,
      });
      assert.equal(viaEnv.code, 0, viaEnv.stderr);
      assert.match(viaEnv.stdout, /"id":"gpt-image-2"/);

      // A relative --ca-file is read from where the CLI runs.
      const relative = await runCli(['models', '--base-url', fake.baseUrl, '--ca-file', 'ca.crt'], env, {
        cwd: pki.dir,
      });
      assert.equal(relative.code, 0, relative.stderr);

      const none = await runCli(['models', '--base-url', fake.baseUrl], env);
      assert.equal(none.code, 1);
      assert.match(none.stderr, /certificate authority this machine does not trust/);
      assert.match(none.stderr, /--ca-file \(or NODE_EXTRA_CA_CERTS\)/);
      assert.doesNotMatch(none.stderr, /litellm\./);
    });

    it('names an unusable CA file', async () => {
      const fake = await serve(pki.good);
      const missing = path.join(tmp, 'nope.pem');
      const run = await runCli(['models', '--base-url', fake.baseUrl, '--ca-file', missing], {
        LITELLM_API_KEY: KEY,
      });
      // A settings problem: exit code 2, as for any other unusable setting.
      assert.equal(run.code, 2);
      assert.ok(run.stderr.includes(`Cannot read the CA certificate file ${missing} (ENOENT)`), run.stderr);
    });
  });
});
