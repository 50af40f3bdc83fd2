; JavaScript local scopes and the names they bind. Capture vocabulary: grammars/README.md.
; The module's top level is not a local scope: its names are symbols (tags.scm). TypeScript and
; TSX inherit this file, so it is written to compile against their grammars too.

(function_declaration) @local.scope
(generator_function_declaration) @local.scope
(function_expression) @local.scope
(generator_function) @local.scope
(arrow_function) @local.scope
(method_definition) @local.scope
(statement_block) @local.scope
(for_statement) @local.scope
(for_in_statement) @local.scope
(catch_clause) @local.scope
(class_static_block) @local.scope

; parameters: function f(a, b = 1, ...rest), x => x (TypeScript wraps them: see its file)
(_ parameters: (_ (identifier) @local.definition))
(arrow_function parameter: (identifier) @local.definition)
(catch_clause parameter: (identifier) @local.definition)

; declarations and the patterns they destructure
(variable_declarator name: (identifier) @local.definition)
(object_pattern (shorthand_property_identifier_pattern) @local.definition)
(object_assignment_pattern left: (shorthand_property_identifier_pattern) @local.definition)
(pair_pattern value: (identifier) @local.definition)
(array_pattern (identifier) @local.definition)
(assignment_pattern left: (identifier) @local.definition)
(rest_pattern (identifier) @local.definition)
(for_in_statement left: (identifier) @local.definition)

; nested functions and classes (their own names belong to the scope around them)
(function_declaration name: (identifier) @local.definition)
(generator_function_declaration name: (identifier) @local.definition)
(class_declaration name: (_) @local.definition)
