// Bundle shim for `mime-types`. axios's Node adapter pulls in form-data, which needs mime-types only to guess
// the content type of files appended to a multipart form; the Atlas client never sends a form. The real module
// carries mime-db, over a third of the bundle (bench: 380 KB → 242 KB). form-data treats `false` as "unknown"
// and falls back to application/octet-stream, as it does for any unknown file name.
'use strict';
const unknown = () => false;
module.exports = { lookup: unknown, contentType: unknown, extension: unknown, charset: unknown, types: {}, extensions: {} };
