; Rust local scopes and the names they bind. Capture vocabulary: grammars/README.md.
; Items (fn, struct, const ...) at module level are symbols (tags.scm); a module is no local
; scope. Every name a pattern binds is a local: `let`, parameters, closures, `for`, `match`
; arms, `if let` / `while let`, at any depth of tuple, struct, slice and reference patterns.

(function_item) @local.scope
(closure_expression) @local.scope
(block) @local.scope
(for_expression) @local.scope
(if_expression) @local.scope
(while_expression) @local.scope
(match_arm) @local.scope

; a pattern that is just a name
(let_declaration pattern: (identifier) @local.definition)
(parameter pattern: (identifier) @local.definition)
(closure_parameters (identifier) @local.definition)
(for_expression pattern: (identifier) @local.definition)
(let_condition pattern: (identifier) @local.definition)

; names inside patterns; in a match arm or a tuple-struct pattern a capitalised name is a
; constant or a variant (`None`, `Color::Red`), not a new binding
(tuple_pattern (identifier) @local.definition)
(slice_pattern (identifier) @local.definition)
(reference_pattern (identifier) @local.definition)
(ref_pattern (identifier) @local.definition)
(mut_pattern (identifier) @local.definition)
(captured_pattern . (identifier) @local.definition)
(field_pattern pattern: (identifier) @local.definition)
(field_pattern name: (shorthand_field_identifier) @local.definition)
((tuple_struct_pattern type: (_) (identifier) @local.definition)
  (#match? @local.definition "^[a-z_]"))
((match_pattern (identifier) @local.definition)
  (#match? @local.definition "^[a-z_]"))
((or_pattern (identifier) @local.definition)
  (#match? @local.definition "^[a-z_]"))

; items declared inside a function body are visible in their block
(function_item name: (identifier) @local.definition)
(const_item name: (identifier) @local.definition)
(static_item name: (identifier) @local.definition)
(struct_item name: (type_identifier) @local.definition)
(enum_item name: (type_identifier) @local.definition)
(type_item name: (type_identifier) @local.definition)
