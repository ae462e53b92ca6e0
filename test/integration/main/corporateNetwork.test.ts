// Corporate networks inside the real extension host: the extension reads `litellm.caCertificates` and VS Code's own
// `http.proxy` from the settings, and Test Connection says what it used. The HTTPS proxy is the fake on 127.0.0.1
// with certificates made by openssl for this run; the forward proxy is a port nothing listens on, and the target
// behind it an unrouted address (4444::/16, nobody's): nothing leaves this machine.
import { strict as assert } from 'node:assert';
import * as net from 'node:net';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TestConnectionResult } from '../../../src/extension/commands/testConnection';
import { Commands } from '../../../src/extension/ids';
import { FakeLitellm } from '../../fixtures/fakeLitellm';
import { makeTestPki, opensslUnavailable, type TestPki } from '../../fixtures/testPki';
import { integrationEnv } from '../env';
import { resetSettings, setSettings, startFake, useFake } from '../support';

function testConnection(): Thenable<TestConnectionResult> {
  return vscode.commands.executeCommand<TestConnectionResult>(Commands.testConnection, { quiet: true });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function setHttpProxy(value: string | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('http').update('proxy', value, vscode.ConfigurationTarget.Global);
}

describe('corporate networks', function () {
  let pki: TestPki;
  let fake: FakeLitellm;

  before(async function () {
    const why = opensslUnavailable();
    if (why) {
      console.log(`      (pending: ${why})`);
      this.skip();
    }
    pki = makeTestPki(path.join(integrationEnv().scratch, `pki-${Date.now()}`));
    fake = await startFake({ tls: { key: pki.good.key, cert: pki.good.cert } });
  });
  afterEach(async () => {
    await setHttpProxy(undefined);
    await resetSettings({ all: false });
  });
  after(async () => {
    await resetSettings();
    await fake?.stop();
  });

  it('trusts the CA files of litellm.caCertificates, and Test Connection says where trust came from', async () => {
    await useFake(fake);
    const untrusted = await testConnection();
    assert.equal(untrusted.report?.ok, false);
    assert.match(untrusted.report?.problems[0] ?? '', /does not trust.*litellm\.caCertificates/);

    await setSettings({ caCertificates: [pki.caFile] });
    const { report, text } = await testConnection();
    assert.equal(report?.ok, true, report?.problems.join('; '));
    // The extension host's Node reads the system store (Node ≥ 22.15).
    assert.match(report?.certificates ?? '', /the system's, and those in .*ca\.crt/);
    assert.match(text!, /Trusted certificates: /);
    assert.match(text!, /Forward proxy: none \(direct connection\)/);
    assert.ok(fake.requests.some((r) => r.headers.authorization === 'Bearer sk-master-test'));
  });

  it('sends an https: proxy through http.proxy, names it, and refuses http: through it', async () => {
    const forward = `http://127.0.0.1:${await freePort()}`;
    await setHttpProxy(forward);
    await useFake({ baseUrl: 'https://[4444::1]:4443' });
    const viaProxy = await testConnection();
    assert.equal(viaProxy.report?.forwardProxy, `${forward} (from http.proxy)`);
    assert.match(viaProxy.report?.problems[0] ?? '', /Could not reach the forward proxy .*ECONNREFUSED/);
    assert.match(viaProxy.text!, /Forward proxy: http:\/\/127\.0\.0\.1:\d+ \(from http\.proxy\)/);

    await useFake({ baseUrl: 'http://[4444::1]:4000' });
    const refused = await testConnection();
    assert.match(refused.report?.problems[0] ?? '', /clear text.*litellm\.allowKeyThroughHttpForwardProxy/);

    // Loopback never goes through the forward proxy.
    await setSettings({ caCertificates: [pki.caFile] });
    await useFake(fake);
    const direct = await testConnection();
    assert.equal(direct.report?.ok, true, direct.report?.problems.join('; '));
    assert.match(direct.report?.forwardProxy ?? '', /direct connection/);
  });
});
