; inherits: c
; C++ local scopes and the names they bind, on top of C's (grammars/c/locals.scm).
; Capture vocabulary: grammars/README.md.

(for_range_loop) @local.scope
(lambda_expression) @local.scope
(catch_clause) @local.scope
(if_statement) @local.scope
(while_statement) @local.scope
(switch_statement) @local.scope
(template_declaration) @local.scope

; const Item& item, Item&& tmp, int n = 0, Args... args
(parameter_declaration
  declarator: (reference_declarator (identifier) @local.definition))

(optional_parameter_declaration
  declarator: [
    (identifier) @local.definition
    (pointer_declarator declarator: (identifier) @local.definition)
    (reference_declarator (identifier) @local.definition)
  ])

(variadic_parameter_declaration
  declarator: (variadic_declarator (identifier) @local.definition))

(variadic_parameter_declaration
  declarator: (reference_declarator (variadic_declarator (identifier) @local.definition)))

; auto& x = ...; const Cart& c = ...;
(declaration
  declarator: [
    (reference_declarator (identifier) @local.definition)
    (init_declarator declarator: (reference_declarator (identifier) @local.definition))
  ])

; auto [key, value] = ...;  for (auto& [key, value] : map)
(structured_binding_declarator (identifier) @local.definition)

; for (const Item& item : items)
(for_range_loop
  declarator: [
    (identifier) @local.definition
    (pointer_declarator declarator: (identifier) @local.definition)
    (reference_declarator (identifier) @local.definition)
  ])

; [total = 0](int x) { ... }
(lambda_capture_initializer left: (identifier) @local.definition)

; template <typename T, int N>
(type_parameter_declaration (type_identifier) @local.definition)
(optional_type_parameter_declaration name: (type_identifier) @local.definition)
(variadic_type_parameter_declaration (type_identifier) @local.definition)
