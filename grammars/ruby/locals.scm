; Ruby local scopes and the names they bind. Capture vocabulary: grammars/README.md.
; `def` starts a fresh scope; blocks and lambdas see the locals around them. Class and module
; bodies are not local scopes here: their names are symbols (tags.scm).

(method) @local.scope
(singleton_method) @local.scope
(block) @local.scope
(do_block) @local.scope
(lambda) @local.scope

; parameters of methods, blocks and lambdas
(method_parameters (identifier) @local.definition)
(block_parameters (identifier) @local.definition)
(lambda_parameters (identifier) @local.definition)
(destructured_parameter (identifier) @local.definition)
(optional_parameter name: (identifier) @local.definition)
(keyword_parameter name: (identifier) @local.definition)
(splat_parameter name: (identifier) @local.definition)
(hash_splat_parameter name: (identifier) @local.definition)
(block_parameter name: (identifier) @local.definition)

; assignments (`x ||= v` may be the first; `x += 1` is not), loops and rescued errors
(assignment left: (identifier) @local.definition)
(operator_assignment left: (identifier) @local.definition operator: "||=")
(left_assignment_list (identifier) @local.definition)
(rest_assignment (identifier) @local.definition)
(destructured_left_assignment (identifier) @local.definition)
(for pattern: (identifier) @local.definition)
(for pattern: (left_assignment_list (identifier) @local.definition))
(exception_variable (identifier) @local.definition)
