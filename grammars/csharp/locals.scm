; C# local scopes and the names they bind. Capture vocabulary: grammars/README.md.
; Type and namespace bodies are not local scopes: their members are symbols (tags.scm).

(method_declaration) @local.scope
(constructor_declaration) @local.scope
(destructor_declaration) @local.scope
(operator_declaration) @local.scope
(conversion_operator_declaration) @local.scope
(indexer_declaration) @local.scope
(accessor_declaration) @local.scope
(local_function_statement) @local.scope
(lambda_expression) @local.scope
(anonymous_method_expression) @local.scope
(block) @local.scope
(for_statement) @local.scope
(foreach_statement) @local.scope
(using_statement) @local.scope
(fixed_statement) @local.scope
(catch_clause) @local.scope
(switch_section) @local.scope
(query_expression) @local.scope

; parameters (those of a record or a delegate belong to no local scope, so they bind nothing)
(parameter name: (identifier) @local.definition)
(lambda_expression parameters: (implicit_parameter) @local.definition)

; local variables and constants, `using var`, `for (int i = 0; ...)`, `var (a, b) = ...`
(variable_declarator name: (identifier) @local.definition)
(variable_declarator (tuple_pattern name: (identifier) @local.definition))
(foreach_statement left: (identifier) @local.definition)
(foreach_statement left: (tuple_pattern name: (identifier) @local.definition))
(catch_declaration name: (identifier) @local.definition)

; `out var n`, `(var a, var b) = ...`, `x is Cart c`, `case Cart { Id: var id } c`
(declaration_expression name: (identifier) @local.definition)
(declaration_pattern name: (identifier) @local.definition)
(recursive_pattern name: (identifier) @local.definition)

; query variables: `from x in xs`, `let y = ...`, `join z in zs ...`, `into g`
(from_clause name: (identifier) @local.definition)
(let_clause . (identifier) @local.definition)
(join_clause . (identifier) @local.definition)
(join_into_clause (identifier) @local.definition)
(query_expression "into" . (identifier) @local.definition)

; local functions are visible in their block
(local_function_statement name: (identifier) @local.definition)
