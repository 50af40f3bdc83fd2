; Java local scopes and the names they bind. Capture vocabulary: grammars/README.md.
; Class bodies are not local scopes: their members are symbols (tags.scm).

(method_declaration) @local.scope
(constructor_declaration) @local.scope
(compact_constructor_declaration) @local.scope
(lambda_expression) @local.scope
(block) @local.scope
(switch_block) @local.scope
(for_statement) @local.scope
(enhanced_for_statement) @local.scope
(catch_clause) @local.scope
(try_with_resources_statement) @local.scope

; parameters of methods, constructors and lambdas (not the components of a record)
(method_declaration
  parameters: (formal_parameters (formal_parameter name: (identifier) @local.definition)))
(method_declaration
  parameters: (formal_parameters
    (spread_parameter (variable_declarator name: (identifier) @local.definition))))
(constructor_declaration
  parameters: (formal_parameters (formal_parameter name: (identifier) @local.definition)))
(constructor_declaration
  parameters: (formal_parameters
    (spread_parameter (variable_declarator name: (identifier) @local.definition))))
(lambda_expression parameters: (identifier) @local.definition)
(lambda_expression parameters: (inferred_parameters (identifier) @local.definition))
(lambda_expression
  parameters: (formal_parameters (formal_parameter name: (identifier) @local.definition)))

; local variables, loop variables, resources, caught exceptions, pattern bindings
(local_variable_declaration
  declarator: (variable_declarator name: (identifier) @local.definition))
(enhanced_for_statement name: (identifier) @local.definition)
(resource name: (identifier) @local.definition)
(catch_formal_parameter name: (identifier) @local.definition)
(instanceof_expression name: (identifier) @local.definition)
(record_pattern_component (identifier) @local.definition)
(type_pattern (identifier) @local.definition)

; local classes, records, interfaces and enums are visible in their block
(class_declaration name: (identifier) @local.definition)
(record_declaration name: (identifier) @local.definition)
(interface_declaration name: (identifier) @local.definition)
(enum_declaration name: (identifier) @local.definition)
