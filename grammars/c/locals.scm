; C local scopes and the names they bind. Capture vocabulary: grammars/README.md.
; Locals are block-scoped and visible only after their declaration. File-scope declarations
; have no scope around them: they are symbols (tags.scm).

(function_definition) @local.scope
(compound_statement) @local.scope
(for_statement) @local.scope

; parameters: int n, struct point *p, char **argv, int v[], void (*cb)(int)
(parameter_declaration
  declarator: [
    (identifier) @local.definition
    (pointer_declarator declarator: (identifier) @local.definition)
    (pointer_declarator declarator: (pointer_declarator declarator: (identifier) @local.definition))
    (array_declarator declarator: (identifier) @local.definition)
    (pointer_declarator declarator: (array_declarator declarator: (identifier) @local.definition))
    (function_declarator declarator: (parenthesized_declarator (pointer_declarator declarator: (identifier) @local.definition)))
  ])

; declarations inside a block or a for header
(declaration
  declarator: [
    (identifier) @local.definition
    (init_declarator declarator: (identifier) @local.definition)
    (pointer_declarator declarator: (identifier) @local.definition)
    (init_declarator declarator: (pointer_declarator declarator: (identifier) @local.definition))
    (pointer_declarator declarator: (pointer_declarator declarator: (identifier) @local.definition))
    (init_declarator declarator: (pointer_declarator declarator: (pointer_declarator declarator: (identifier) @local.definition)))
    (array_declarator declarator: (identifier) @local.definition)
    (init_declarator declarator: (array_declarator declarator: (identifier) @local.definition))
    (pointer_declarator declarator: (array_declarator declarator: (identifier) @local.definition))
    (function_declarator declarator: (parenthesized_declarator (pointer_declarator declarator: (identifier) @local.definition)))
    (init_declarator declarator: (function_declarator declarator: (parenthesized_declarator (pointer_declarator declarator: (identifier) @local.definition))))
  ])
