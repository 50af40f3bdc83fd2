; PHP local scopes and the names they bind. Capture vocabulary: grammars/README.md.
; Variables are function-scoped: blocks and loops open no scope. Closures see only what they
; `use`; arrow functions see the variables around them.

(function_definition) @local.scope
(method_declaration) @local.scope
(anonymous_function) @local.scope
(arrow_function) @local.scope

; parameters and what a closure captures
(simple_parameter name: (variable_name) @local.definition)
(variadic_parameter name: (variable_name) @local.definition)
(property_promotion_parameter name: (variable_name) @local.definition)
(anonymous_function_use_clause (variable_name) @local.definition)
(anonymous_function_use_clause (by_ref (variable_name) @local.definition))

; assignments, destructuring, loops, caught exceptions, `static $x`
(assignment_expression left: (variable_name) @local.definition)
(reference_assignment_expression left: (variable_name) @local.definition)
(list_literal (variable_name) @local.definition)
(list_literal (by_ref (variable_name) @local.definition))
(foreach_statement (_) . (variable_name) @local.definition)
(foreach_statement (_) . (by_ref (variable_name) @local.definition))
(foreach_statement (_) . (pair (variable_name) @local.definition))
(foreach_statement (_) . (pair (by_ref (variable_name) @local.definition)))
(catch_clause name: (variable_name) @local.definition)
(static_variable_declaration name: (variable_name) @local.definition)

; `global $config;` means the script's variable
(global_declaration (variable_name) @local.global)
