export { type CompressOptions, compress } from './lib/compress'
export { type Encoding, type Negotiated, negotiateEncoding } from './lib/accept-encoding'
export { isCompressible } from './lib/compressible'
