/**
 * A property test over documents: generated from the official spec's schemas for every restore-job
 * family and every kind of cluster (seeded, so every run checks the same cases), then broken one field
 * at a time and several at once. Whatever Atlas sends, the facts, status, labels, tooltip rows, copy
 * texts, masking, the panel's view model and the tab title must never throw (checks.ts says what else
 * must hold).
 */
import assert from 'node:assert/strict';
import type { AnyRestoreJob, RestoreJobFamily } from '../../../src/atlas/types';
import type { ClusterDoc, ClusterKind } from '../../../src/jobs/families';
import { forkRng, type Rng } from '../../atlas-emulator/prng';
import { checkCluster, checkJob } from './checks';
import { describePath, MUTATIONS, mutate, mutateMany, pathsOf, withLinks } from './mutations';
import { documentKinds, type DocumentKinds } from './specDocuments';

const SEEDS = 8;
/** Deep enough for delivery.url, components[0].privateDownloadDeliveryUrls[0].deliveryUrl and hashes[0].fileName. */
const JOB_DEPTH = 5;
/** A cluster's hover reads its top level and providerSettings; deeper fields are mutated by the random rounds. */
const CLUSTER_DEPTH = 2;
const RANDOM_ROUNDS = 150;

describe('property: any restore job or cluster document, spec-shaped or broken, shows without throwing', function () {
  this.timeout(120_000);
  let kinds: DocumentKinds;

  before(async () => {
    kinds = await documentKinds();
  });

  /** Runs `check`, naming the case when it fails so that it reproduces. */
  function inCase<T>(name: string, check: () => T): T {
    try {
      return check();
    } catch (error) {
      throw new Error(`${name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }

  /**
   * For each kind and seed: the generated document (prepared by `prepare`), every mutation at every
   * path down to `depth` and at the document itself, then random rounds of several mutations at once.
   */
  function explore<K extends string>(
    schemas: Record<K, string>,
    depth: number,
    prepare: (doc: unknown, kind: K, seed: number, rng: Rng) => unknown,
    check: (kind: K, doc: unknown, seed: number) => void,
  ): number {
    let cases = 0;
    for (const kind of Object.keys(schemas) as K[]) {
      for (let seed = 1; seed <= SEEDS; seed++) {
        const rng = forkRng(seed, kind);
        const doc = prepare(kinds.generate(schemas[kind], seed), kind, seed, rng);
        for (const path of [[], ...pathsOf(doc, depth)]) {
          for (const m of MUTATIONS) {
            inCase(`${kind} seed ${seed}, ${m} ${describePath(path)}`, () => check(kind, mutate(doc, path, m, rng), seed));
            cases++;
          }
        }
        for (let round = 0; round < RANDOM_ROUNDS / SEEDS; round++) {
          const { doc: mutated, applied } = mutateMany(doc, rng, 2 + (round % 5));
          inCase(`${kind} seed ${seed}, ${applied.join(', ')}`, () => check(kind, mutated, seed));
          cases++;
        }
      }
    }
    return cases;
  }

  it('restore jobs of every family: each field dropped, null, of the wrong type, an unknown value or 20,000 characters', () => {
    const started = Date.now();
    const cases = explore(
      kinds.families,
      JOB_DEPTH,
      // Half the documents carry links as Atlas writes them (and some that are no links).
      (doc, _family, seed, rng) => (seed % 2 === 1 ? withLinks(doc, rng) : doc),
      (family: RestoreJobFamily, job, seed) => checkJob({ family, job } as AnyRestoreJob, seed % 3 === 0 ? 'local' : 'utc'),
    );
    console.log(`      (${cases} restore job documents checked in ${Date.now() - started} ms)`);
    assert.ok(cases > 2_000, `only ${cases} cases`);
  });

  it('clusters of every kind: name, description and hover rows', () => {
    const started = Date.now();
    const cases = explore(
      kinds.clusters,
      CLUSTER_DEPTH,
      (doc) => doc,
      (kind: ClusterKind, cluster) => checkCluster({ kind, cluster } as ClusterDoc),
    );
    console.log(`      (${cases} cluster documents checked in ${Date.now() - started} ms)`);
    assert.ok(cases > 500, `only ${cases} cases`);
  });

  it('a spec-shaped job with an id is a normal row (no problem), and offers only https or loopback links', () => {
    let withLinksOffered = 0;
    for (const family of Object.keys(kinds.families) as RestoreJobFamily[]) {
      for (let seed = 1; seed <= SEEDS * 4; seed++) {
        const generated = kinds.generate(kinds.families[family], seed) as { id?: unknown };
        const doc = withLinks(generated, forkRng(seed, `links:${family}`));
        for (const job of [generated, doc]) {
          const facts = inCase(`${family} seed ${seed}`, () => checkJob({ family, job } as AnyRestoreJob, 'utc'));
          if (typeof generated.id === 'string' && generated.id.length > 0) {
            assert.equal(facts.problem, undefined, `${family} seed ${seed}: ${facts.problem}`);
          }
          if (facts.delivery.links.length > 0) withLinksOffered++;
        }
      }
    }
    assert.ok(withLinksOffered > 20, `only ${withLinksOffered} documents offered a link: the links are not exercised`);
  });
});
