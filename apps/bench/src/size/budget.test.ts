import { expect, it } from 'vitest'
import { bundle, gzipSize } from './bundle.js'

// The 8 KiB target (BUDGET, issue 7) is not met yet: the typical app bundles to 11,123 B at this
// ceiling's last update. It was 10,274 before the review fixes of 2026-11-21 (HEAD bodies, method
// case, dot segments, onError, c.respond with a Response init, problem titles), then grew by
// measured speed-ups: JSON answers through the class's static `json()` (Deno's fast path), the
// body parse context as a class, a first candidate answering without a second match, and
// queries with nothing to decode read without a URLSearchParams; then by two fixes: the fields a
// failed mount's layers set are taken back before the next mount's routes run (10,772 B, with
// no allocation when no later mount can run), and a HEAD to an app whose routes cannot be built
// gets its 500 without the body (10,783 B); then by the static-edge compare each engine is
// fastest with (a slice on V8, a char loop on JSC: 10,836 B); then by the router's redirects
// saying `Content-Length: 0`, so their HEAD says what their GET sends (10,854 B); then by the
// kind review's fixes (11,112 B): patterns refuse `?`, `#`, lone surrogates and `__proto__`
// names at definition, `constructor`-named captures work, a hand-written codec that throws reads
// as no value (the router's fetch rejected), rest and list encodes refuse what is no array;
// then `app.request('//x/y')` kept on localhost (11,123 B); then a capture named `query` refused
// at definition with a message saying why (11,147 B), and `int` naming a refused Symbol or object
// by its type rather than throwing a TypeError while it wrote the message (11,153 B); then
// whitespace at the end of a pattern refused in every form, as its types now refuse it, where the
// method form trimmed it (11,181 B); then `href` throwing ShadowedHrefError for a URL another
// route takes first, checked only for kinds whose patterns may overlap (11,606 B, decision 012);
// then a mount's notFound chosen by the decoded path (11,607 B), and `app.request` leaving a
// fragment out and applying `init` to a Request, as fetch does (11,629 B); then dispatch ignoring
// a fragment that `request.url` keeps, for every caller (11,642 B), and `mount()` refusing a
// prefix with a dot segment, which no request can reach (11,684 B); then a pass over cold code
// with no change of behaviour (11,574 B): the trie's seal fills the static-path table in its own
// walk (-22), compile reads a root pattern by its path and shares the prefix's static segments
// with shadow.ts (-29), kind() and parsePattern tell codec sorts apart with one flag test and read
// both pattern forms in one pass (-27), provide() and compile share one duplicate-resource check
// (-14), matcher entries keep the capture segments themselves (-6), and HttpError and
// ShadowedHrefError declare their fields (-12); then a mount prefix written as a path in hrefs
// (`/a b` as `/a%20b`), so that its href routes back (11,576 B); then the fields an embedding
// gives with a request (`ExecutionContext.vars`, decision 013) seeded before the layers (11,614 B;
// 11,615 B after a type-only change to its declaration: the minified output keeps its length,
// 30,512 B, and its modules theirs, and compresses one byte worse); then those fields given to
// onError when a resource fails to open (11,631 B), and `mount()` refusing a prefix that is not
// well-formed Unicode, which its hrefs could not escape (11,648 B); then the two places that
// seed those fields sharing one helper, which gzip packs 13 B worse than the two copies (11,661 B);
// then the router's own context state moved under symbols and fields named as the context's own
// refused (decision 014: a layer's `next({ host })` broke every href) (11,796 B); then a request
// that waited for the resources' open answering 503 when close() came meanwhile, with no further
// resource opened (11,815 B), a second close() sharing the first (11,818 B), and resources kept
// on the context, and the ones provided since opened, when the app changes after the open
// (11,866 B); then a router mounted under two prefixes sharing its resources, where every
// request failed with "provided twice" (11,872 B); then resources writable on the context's
// prototype, so that a layer's `next({ db: tx })` shadows one for its request (11,876 B); then a
// mounted router's later routes and resources seen by the routers it is mounted in, whose builds
// kept the old ones, and mount() refusing a router the mounting one is in (11,917 B); then a
// failed open answering with its own error when closing what it opened fails too, which is
// logged (11,920 B); then a request for routes added while the resources opened getting them
// on its context too (11,938 B); then a query key given twice named as such in the 400's detail,
// where it said "must be a valid optional(int) value" of two valid ints (11,991 B); then a
// type-only review of router.ts (context names refused by the types, mount() checking what a
// mounted router declares, more use() overloads): the minified output keeps its length,
// 31,554 B, with identifiers named otherwise, and compresses two bytes worse (11,993 B); then a
// layer's `next()` and an embedding's vars sharing one way of adding fields (11,990 B); then
// `c.waitUntil` taking any thenable, handed on as a Promise (12,000 B); then a mounted router
// holding the routers it is mounted in by WeakRef, where it kept every app it was ever mounted in
// alive (12,043 B); then a router's resources opened once for every app that serves it, mounted or
// alone, and closed by the last (decision 016), where a router served alone as well opened a second
// set (12,094 B); then `href` throwing a typed `UnroutedKindError` naming a kind the app does not
// route, where it threw a plain Error (12,135 B); then a kind's own 400 (a query value, a custom
// kind's reject) naming its step as the router's do (12,141 B, decision 015); then a handler's or
// layer's Response whose body was read answered as a 500 naming it, and a HEAD over a stream that
// cannot be cancelled (locked, or its cancel fails) answered with its headers, where `fetch`
// rejected (12,190 B); then pattern and custom kinds checking methods with one token regex,
// where each had its own copy (the copy had gzipped to almost nothing: 12,192 B).
// Until the target is met, the ceiling keeps the core from growing unnoticed; lower it as the core
// shrinks, and replace it with BUDGET once the target is met.
const CEILING = 12_192

it('bundles the typical app (kind + router, as a Worker build) under the size ceiling', async () => {
  const { bytes, modules } = await bundle('ferry.ts')
  const gz = gzipSize(bytes)
  expect(gz).toBeLessThanOrEqual(CEILING)
  // What a Worker bundle must not carry: the Node-only light Response (decision 006) and the
  // media-type code of apps without bodies (decision 008).
  const shipped = modules.map(([path]) => path).join('\n')
  expect(shipped).not.toMatch(/light-response|node-router|media-type|negotiate/)
})
