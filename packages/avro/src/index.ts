export { createCodecs } from './codecs';
export type { Codecs, CodecsOptions, Decoded } from './codecs';
