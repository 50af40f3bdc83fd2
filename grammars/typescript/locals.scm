; inherits: javascript
; TypeScript local scopes and names, added to JavaScript's. Capture vocabulary: grammars/README.md.

(function_signature) @local.scope
(method_signature) @local.scope
(abstract_method_signature) @local.scope
(call_signature) @local.scope
(construct_signature) @local.scope
(function_type) @local.scope
(constructor_type) @local.scope

; parameters: (a: A, b?: B)
(required_parameter pattern: (identifier) @local.definition)
(optional_parameter pattern: (identifier) @local.definition)

; type parameters are local to the function or signature that declares them
(type_parameter name: (type_identifier) @local.definition)

; types declared inside a function
(abstract_class_declaration name: (type_identifier) @local.definition)
(interface_declaration name: (type_identifier) @local.definition)
(type_alias_declaration name: (type_identifier) @local.definition)
(enum_declaration name: (identifier) @local.definition)
