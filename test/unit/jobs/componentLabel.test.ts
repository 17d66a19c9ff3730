import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import type { AnyRestoreJob } from '../../../src/atlas/types';
import { componentLabel, componentOfFileName } from '../../../src/jobs/componentLabel';
import { jobFacts } from '../../../src/jobs/facts';

const NOW = new Date('2026-11-25T12:00:00Z');

describe('what sets a job of a sharded restore apart', () => {
  it('reads the replica set from file names of several shapes', () => {
    const cases: [string, string | undefined, string | undefined][] = [
      // <cluster>-<replicaSet>-<timestamp>, as the emulator and Atlas name them
      ['prod-sharded-atlas-a1b2c3-shard-0-20260308T060000.tar.gz', 'prod-sharded', 'atlas-a1b2c3-shard-0'],
      ['prod-sharded-atlas-a1b2c3-config-0-20260308T060000.tar.gz', 'prod-sharded', 'atlas-a1b2c3-config-0'],
      ['Cluster0-shard-1.tar.gz', 'Cluster0', 'shard-1'],
      ['cluster0_shard_2_1710000000.tgz', 'Cluster0', 'shard_2'],
      ['Cluster0-shard-0-2026-03-08T06-00-00Z.tar', 'Cluster0', 'shard-0'],
      ['Cluster0-config-2026-03-08.zip', 'Cluster0', 'config'],
      ['5e2211c17a3e5a48f5497de3-rs1-1710000000123.tar.gz', 'Cluster0', 'rs1'],
      ['shard-3.tar.gz', undefined, 'shard-3'],
      // Nothing beyond the cluster, or only a number: nothing to tell apart by.
      ['Cluster0-20260308T060000.tar.gz', 'Cluster0', undefined],
      ['Cluster0.tar.gz', 'Cluster0', undefined],
      ['1710000000.tar.gz', 'Cluster0', undefined],
    ];
    for (const [file, cluster, expected] of cases) {
      assert.equal(componentOfFileName(file, cluster), expected, file);
    }
  });

  it('trusts the delivery file name, then the hashes, then the cluster id', () => {
    const url = 'https://restore.example/v2/Cluster0-shard-1-20260308T060000.tar.gz?expires=1';
    assert.equal(componentLabel({ urls: [url], hashFileNames: ['Cluster0-shard-9.tar.gz'], clusterName: 'Cluster0' }), 'shard-1');
    // A URL whose path ends in an id names no file.
    const byId = 'https://restore.example/restore/65f0a1b2c3d4e5f601234567?key=k';
    assert.equal(componentLabel({ urls: [byId], hashFileNames: ['Cluster0-config-1710000000.tar.gz'], clusterName: 'Cluster0' }), 'config');
    assert.equal(componentLabel({ urls: [], hashFileNames: [], clusterName: 'Cluster0', clusterId: '5e2211c17a3e5a48f5497aaa' }), 'cluster 5e22…7aaa');
    assert.equal(componentLabel({ urls: [], hashFileNames: [] }), undefined);
  });

  it('is a fact of legacy jobs in a batch only', () => {
    const job = {
      id: '65f0a1b2c3d4e5f601234567',
      clusterName: 'prod-sharded',
      clusterId: '5e2211c17a3e5a48f5497aaa',
      statusName: 'FINISHED',
      delivery: { methodName: 'HTTP', urlV2: 'https://h/v2/prod-sharded-atlas-x1-shard-2-20260308T060000.tar.gz' },
      hashes: [{ fileName: 'prod-sharded-atlas-x1-shard-2-20260308T060000.tar.gz', hash: 'a' }],
    };
    const batched = jobFacts({ family: 'legacy', job: { ...job, batchId: '65f0a1b2c3d4e5f60123aaaa' } } as AnyRestoreJob, NOW);
    assert.equal(batched.componentLabel, 'atlas-x1-shard-2');
    assert.equal(jobFacts({ family: 'legacy', job } as AnyRestoreJob, NOW).componentLabel, undefined);
    const bare = jobFacts({ family: 'legacy', job: { ...job, batchId: '65f0a1b2c3d4e5f60123aaaa', delivery: { methodName: 'HTTP' }, hashes: [] } } as AnyRestoreJob, NOW);
    assert.equal(bare.componentLabel, 'cluster 5e22…7aaa');
  });
});
