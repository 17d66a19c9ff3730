import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { credentialsOf } from '../../../src/connections/model';

describe('credentials of a connection', () => {
  it('pairs a service account client id with its secret', () => {
    assert.deepEqual(credentialsOf('serviceAccount', 'mdb_sa_id_x', 'mdb_sa_sk_y'), { kind: 'serviceAccount', clientId: 'mdb_sa_id_x', clientSecret: 'mdb_sa_sk_y' });
  });

  it('pairs an API public key with its private key', () => {
    assert.deepEqual(credentialsOf('apiKey', 'abcdefgh', 'priv'), { kind: 'apiKey', publicKey: 'abcdefgh', privateKey: 'priv' });
  });
});
