// Import from Atlas CLI as a person does it, from the welcome view: the profiles of the CLI's config.toml in
// VS Code's own multi-select (ticks as offered, a user-account login that cannot be ticked), the question
// before any secret is copied, the summary, and the imported connections listing the demo's projects.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../../scripts/real-vscode/config';
import { DEMO_SERVICE_ACCOUNT, startEmulator, type RunningEmulator } from '../atlas-emulator';
import { launchVsCode, type VsCodeSession } from './harness';

/** Two profiles with their secrets in the file, as the CLI writes it where no OS keyring is, and one `atlas auth login`. */
function configToml(baseUrl: string): string {
  return `telemetry_enabled = false
version = 2

[ops]
  auth_type = "service_account"
  client_id = "${DEMO_SERVICE_ACCOUNT.clientId}"
  client_secret = "${DEMO_SERVICE_ACCOUNT.clientSecret}"
  ops_manager_url = "${baseUrl}/"
  org_id = "64f0c0ffee0000000000a001"
  service = "cloud"

[me]
  access_token = "eyJhbGciOiJub25lIn0.fake-access-token-for-tests.x"
  auth_type = "user_account"
  refresh_token = "fake-refresh-token-for-tests-0001"
  service = "cloud"
`;
}

describe('Import from the Atlas CLI, as a person does it', () => {
  let emulator: RunningEmulator;
  let vsc: VsCodeSession;
  let config: string;

  before(async () => {
    emulator = await startEmulator({ dataset: 'demo' });
    config = mkdtempSync(join(tmpdir(), 'atlascli-ui-'));
    mkdirSync(join(config, 'atlascli'));
    writeFileSync(join(config, 'atlascli', 'config.toml'), configToml(emulator.baseUrl), { mode: 0o600 });
    // The extension host reads the CLI's standard location from XDG_CONFIG_HOME, as the CLI does on Linux.
    vsc = await launchVsCode({
      extension: { linkedPath: REPO_ROOT },
      env: { XDG_CONFIG_HOME: config },
      settings: { 'workbench.colorTheme': 'Default Dark Modern' },
    });
  });

  after(async () => {
    await vsc?.close();
    await emulator?.close();
    rmSync(config, { recursive: true, force: true });
  });

  it('lists the profiles in a multi-select, asks before copying a secret, and adds the ticked one', async () => {
    const wb = vsc.workbench;
    const page = wb.page;
    await wb.openViewContainer('Atlas');
    await wb.view('Restore Jobs').locator('.welcome-view-content').getByText('Import from Atlas CLI…').click();
    await wb.waitForQuickInput(/Import from Atlas CLI/);
    await wb.pickQuickItem(/The Atlas CLI's configuration/, { filter: '' });

    await wb.quickPickItem(/^ops/).waitFor();
    const ops = wb.quickPickItem(/^ops/);
    const me = wb.quickPickItem(/^me/);
    // The row's checkbox: an <input> in older workbenches, a custom toggle with aria-checked in newer ones.
    const ticked = (row: typeof ops) => row.locator('input[type="checkbox"], [role="checkbox"], .monaco-custom-toggle').first();
    const isTicked = (row: typeof ops) =>
      row.evaluate((el) => {
        const input = el.querySelector('input[type="checkbox"]') as HTMLInputElement | null;
        if (input) return input.checked;
        const box = el.querySelector('[role="checkbox"], .monaco-custom-toggle');
        return box?.getAttribute('aria-checked') === 'true' || box?.classList.contains('checked') === true;
      });
    assert.equal(await isTicked(ops), true, 'the service account is offered ticked');
    assert.equal(await isTicked(me), false, 'a user-account login is not');
    assert.match(await me.innerText(), /not supported|cannot be imported/i);
    assert.doesNotMatch(await page.locator('.quick-input-widget').innerText(), new RegExp(DEMO_SERVICE_ACCOUNT.clientSecret), 'no secret on screen');
    // Ticking the login anyway: it is unticked at once, as it cannot be imported.
    await ticked(me).click();
    await page.waitForTimeout(300);
    assert.equal(await isTicked(me), false, 'the login cannot be ticked');
    await wb.screenshot('ui-cli-import-profiles', { settleMs: 300 });
    await page.locator('.quick-input-widget .quick-input-box input').press('Enter');

    assert.match(await wb.dialogMessage(), /secret/i);
    await wb.answerDialog(/^Yes|Copy/);
    await wb.waitForNotification(/Imported 1 connection from the Atlas CLI: ops/, 60_000);
    await wb.expandTreeRow(/^ops \(Atlas CLI\)/);
    await wb.treeRow(/^Production/).first().waitFor();
  });
});
