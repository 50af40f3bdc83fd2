; inherits: typescript
; TSX: TypeScript's definitions, references and imports; JSX components are referenced by
; JavaScript's patterns, which TypeScript's file starts from. Capture vocabulary:
; grammars/README.md.
