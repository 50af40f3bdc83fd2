; Go local scopes and the names they bind. Capture vocabulary: grammars/README.md.
; Package-level names are symbols (tags.scm); a file's top level is no local scope.
; Go scopes lexically: each block, and each if/for/switch/select with its own initializer.

(function_declaration) @local.scope
(method_declaration) @local.scope
(func_literal) @local.scope
(block) @local.scope
(if_statement) @local.scope
(for_statement) @local.scope
(expression_switch_statement) @local.scope
(type_switch_statement) @local.scope
(select_statement) @local.scope
(expression_case) @local.scope
(type_case) @local.scope
(default_case) @local.scope
(communication_case) @local.scope

; parameters, receivers, results with names, type parameters (`a, b int` names two: the
; names are the direct identifier children; `name:` would miss all but the first)
(parameter_declaration (identifier) @local.definition)
(variadic_parameter_declaration (identifier) @local.definition)
(type_parameter_declaration (identifier) @local.definition)

; x := ..., a, b := ..., for k, v := range ..., case v := <-ch, switch t := x.(type)
(short_var_declaration left: (expression_list (identifier) @local.definition))
(range_clause left: (expression_list (identifier) @local.definition))
(receive_statement left: (expression_list (identifier) @local.definition))
(type_switch_statement alias: (expression_list (identifier) @local.definition))

; var, const and type declarations inside a function
(var_spec (identifier) @local.definition)
(const_spec (identifier) @local.definition)
(type_spec name: (type_identifier) @local.definition)
(type_alias name: (type_identifier) @local.definition)
