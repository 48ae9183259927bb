// Types for the one xmldom internal module esbplay touches (xmldom-speedup.ts): its exports object.
declare module '@xmldom/xmldom/lib/grammar.js' {
  const grammar: Record<string, unknown>;
  export default grammar;
}
