; inherits: typescript
; TSX: TypeScript's local scopes and names. Capture vocabulary: grammars/README.md.
