import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GONE_EXAMPLE } from '../../atlas-emulator';
import { findUpward, FULL_SPEC_PATH, loadSpec, SUBSET_SPEC_PATH } from '../../atlas-emulator/spec';

const EXPECTED_OPERATIONS = [
  'listOrgs',
  'listGroups',
  'getOrgGroups',
  'listGroupClusters',
  'listGroupServerlessInstances',
  'listGroupFlexClusters',
  'listGroupClusterRestoreJobs',
  'getGroupClusterRestoreJob',
  'listGroupClusterBackupRestoreJobs',
  'getGroupClusterBackupRestoreJob',
  'listGroupServerlessBackupRestoreJobs',
  'getGroupServerlessBackupRestoreJob',
  'listGroupFlexClusterBackupRestoreJobs',
  'getGroupFlexClusterBackupRestoreJob',
];

function refsIn(node: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach((n) => refsIn(n, out));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') out.add(v);
      else refsIn(v, out);
    }
  }
  return out;
}

describe('conformance: the vendored spec subset', function () {
  this.timeout(30_000);
  const subsetFile = findUpward(SUBSET_SPEC_PATH);
  const fullFile = findUpward(FULL_SPEC_PATH);
  const subset = loadSpec(subsetFile);
  let full: ReturnType<typeof loadSpec>;

  before(() => {
    const t = Date.now();
    full = loadSpec(fullFile);
    console.log(`      (parsed the full v2.yaml in ${Date.now() - t} ms)`);
  });

  it('both files have the sha256 the README records', () => {
    const readme = readFileSync(join(subsetFile, '..', 'README.md'), 'utf8');
    for (const [file, name] of [
      [fullFile, 'v2.yaml'],
      [subsetFile, 'atlas-restore-subset.yaml'],
    ] as const) {
      const row = readme.split('\n').find((l) => l.startsWith(`| \`${name}\``));
      const recorded = /`([0-9a-f]{64})`/.exec(row ?? '')?.[1];
      assert.ok(recorded, `README row for ${name}`);
      assert.equal(createHash('sha256').update(readFileSync(file)).digest('hex'), recorded, name);
    }
  });

  it('holds exactly the 14 GET operations the extension uses', () => {
    assert.deepEqual(subset.operations.map((o) => o.operationId).sort(), [...EXPECTED_OPERATIONS].sort());
    assert.ok(subset.operations.every((o) => o.method === 'GET'));
  });

  it('each operation equals the one in v2.yaml', () => {
    for (const [path, item] of Object.entries<Record<string, unknown>>(subset.document.paths)) {
      assert.deepEqual(item.get, full.document.paths[path]?.get, path);
    }
  });

  it('every component it holds equals the same-named component of v2.yaml, and nothing it needs is missing', () => {
    const components = subset.document.components as Record<string, Record<string, unknown>>;
    let compared = 0;
    for (const [section, entries] of Object.entries(components)) {
      for (const [name, value] of Object.entries(entries)) {
        assert.deepEqual(value, full.document.components[section]?.[name], `components.${section}.${name}`);
        compared++;
      }
    }
    assert.ok(compared > 100, `compared ${compared} components`);
    // Closure: every $ref reachable from the 14 operations resolves inside the subset.
    const pending = [...refsIn(subset.document.paths)];
    const seen = new Set<string>();
    while (pending.length > 0) {
      const ref = pending.pop()!;
      if (seen.has(ref)) continue;
      seen.add(ref);
      const target = subset.resolve(ref); // throws when missing
      pending.push(...refsIn(target));
    }
    const usedSchemas = [...seen].filter((r) => r.startsWith('#/components/schemas/')).length;
    assert.equal(usedSchemas, Object.keys(components.schemas!).length, 'the subset holds exactly the schemas the operations reach');
  });

  it("the emulator's 410 wording is the spec's shared `gone` response", () => {
    assert.deepEqual({ ...GONE_EXAMPLE }, full.document.components.responses.gone.content['application/json'].example);
  });
});
