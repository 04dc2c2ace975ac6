/**
 * The package ships its types (dist/country-coder.d.ts) but its exports map does not name
 * them, so NodeNext resolution cannot find them; this declares the one function we use.
 */
declare module '@ideditor/country-coder' {
  /** ISO alpha-2 codes of every region containing a [longitude, latitude] point. */
  export function iso1A2Codes(query: [number, number]): string[];
}
