// Composition root: filled in by the foundation work.
export {}
