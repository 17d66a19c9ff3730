/**
 * What may be written to disk of an Atlas document. The copy outlives the session and sits in a plain file,
 * so anything that could let someone download a restore or act as the user goes before it is written:
 * fields named like links or secrets, whatever their value; strings that look like an address or a signed
 * query, whatever their field; and any string that repeats a value taken out for its name (a legacy
 * `url` carries its `authValue` in the query). The rules look at names and shapes, not at the families'
 * field lists, so a field Atlas adds tomorrow is judged the same way.
 */

/** Words of a field name that make the whole field go, value and all. */
const SECRET_WORDS = new Set([
  'url', 'urls', 'uri', 'uris', 'href', 'hrefs', 'link', 'links',
  'token', 'tokens', 'bearer', 'jwt', 'nonce', 'session', 'sessions', 'cookie', 'cookies',
  'secret', 'secrets', 'password', 'passwords', 'passwd', 'pwd', 'passphrase',
  'auth', 'oauth', 'authorization', 'authentication', 'credential', 'credentials',
  'signature', 'signatures', 'sig', 'key', 'keys', 'apikey', 'privatekey',
]);

/** Pieces that give a name away even when it is written in one word (`apikey`, `x_auth_token`). */
const SECRET_PIECES = /password|passwd|secret|token|apikey|privatekey|accesskey|signature|credential|authvalue|authheader|oauth|bearer|cookie/;

/** A value that is, or carries, an address: any scheme, a bare host with a path and query, or `www.`. */
const ADDRESS = /[a-z][a-z0-9+.-]*:\/\/|\bhttps?:|^www\.|(^|[\s"'(=])[a-z0-9-]+(\.[a-z0-9-]+)+(:\d+)?\/\S*\?/i;

/** What signed links and bearer credentials look like, wherever they appear. */
const SIGNED = /x-amz-|x-goog-|signature=|[?&](sig|signature|key|token|access_token|se|sp|sv|sr|skoid|awsaccesskeyid|expires|policy|key-pair-id)=|^(bearer|basic|digest)\s|^eyJ[\w-]{4,}\.[\w-]{4,}\.|mdb_sa_sk_/i;

/** Deeper than any Atlas document: what lies below is dropped rather than walked. */
const MAX_DEPTH = 32;

/** Values shorter than this, taken out for their name, are not searched for elsewhere: "true", a port. */
const MIN_ECHO_LENGTH = 8;

function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}

/** Names the rules above would take but that are known to hold no secret: the panel shows them. */
const KNOWN_SAFE = new Set(['masterKeyUUID']);

/** Decisions by name: documents repeat a few dozen field names thousands of times. Bounded against odd keys. */
const judged = new Map<string, boolean>();

/** Whether a field of this name is dropped whatever it holds. */
export function isSecretName(name: string): boolean {
  const known = judged.get(name);
  if (known !== undefined) return known;
  const secret =
    !KNOWN_SAFE.has(name) &&
    (SECRET_PIECES.test(name.toLowerCase()) || words(name).some((w) => SECRET_WORDS.has(w)) || ADDRESS.test(name) || SIGNED.test(name));
  if (judged.size < 2000) judged.set(name, secret);
  return secret;
}

/** Whether a string is dropped wherever it stands. */
export function isSecretText(text: string): boolean {
  return ADDRESS.test(text) || SIGNED.test(text);
}

/** The text values of the fields `isSecretName` drops, wherever they sit in `value`. */
function takenOut(value: unknown, found: Set<string>, depth = 0, secretField = false): Set<string> {
  if (depth > MAX_DEPTH) return found;
  if (typeof value === 'string') {
    if (secretField && value.length >= MIN_ECHO_LENGTH) found.add(value);
  } else if (typeof value === 'number') {
    if (secretField && String(value).length >= MIN_ECHO_LENGTH) found.add(String(value));
  } else if (Array.isArray(value)) {
    for (const v of value) takenOut(v, found, depth + 1, secretField);
  } else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) takenOut(v, found, depth + 1, secretField || isSecretName(k));
  }
  return found;
}

const DROP = Symbol('drop');

/**
 * A copy of `doc` fit to be written to disk: every field named like a link or a secret removed, every string
 * that looks like an address or a signed link removed (from an array too), and every string that repeats a
 * removed value. Numbers, booleans and the rest of the shape stay, so the copy still reads as the document.
 */
export function stripDocument(doc: unknown): unknown {
  const echoes = [...takenOut(doc, new Set())];
  const walk = (value: unknown, depth: number): unknown => {
    if (depth > MAX_DEPTH) return DROP;
    if (typeof value === 'string') {
      return isSecretText(value) || echoes.some((e) => value.includes(e)) ? DROP : value;
    }
    if (Array.isArray(value)) {
      return value.map((v) => walk(v, depth + 1)).filter((v) => v !== DROP);
    }
    if (typeof value === 'object' && value !== null) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        if (isSecretName(k) || echoes.some((e) => k.includes(e))) continue;
        const kept = walk(v, depth + 1);
        if (kept !== DROP) out[k] = kept;
      }
      return out;
    }
    // Numbers, booleans and null say nothing secret on their own; functions and the like never come from JSON.
    return typeof value === 'number' || typeof value === 'boolean' || value === null ? value : DROP;
  };
  const stripped = walk(doc, 0);
  return stripped === DROP ? null : stripped;
}
