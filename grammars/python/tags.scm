; Python definitions, references and imports. Capture vocabulary: grammars/README.md.

; ---- definitions -------------------------------------------------------------

(class_definition
  name: (identifier) @name) @definition.class

(class_definition
  body: (block . (string) @doc)) @definition.class

(function_definition
  name: (identifier) @name) @definition.function

(function_definition
  body: (block . (string) @doc)) @definition.function

; a decorated definition spans its decorators
(decorated_definition
  definition: (class_definition name: (identifier) @name)) @definition.class

(decorated_definition
  definition: (function_definition name: (identifier) @name)) @definition.function

; module-level names: NAME = ..., NAME: T = ...
(module
  (assignment left: (identifier) @name) @definition.variable)

(module
  (assignment left: (pattern_list (identifier) @name)) @definition.variable)

; class attributes
(class_definition
  body: (block
    (assignment left: (identifier) @name) @definition.field))

; ---- references --------------------------------------------------------------

(call
  function: (identifier) @name) @reference.call

(call
  function: (attribute
    object: (_) @receiver
    attribute: (identifier) @name)) @reference.call

(class_definition
  superclasses: (argument_list (identifier) @name @reference.inherit))

(class_definition
  superclasses: (argument_list
    (attribute object: (_) @receiver attribute: (identifier) @name) @reference.inherit))

(type (identifier) @name @reference.type)

; a decorator without arguments is called with the definition
(decorator (identifier) @name) @reference.call

(decorator (attribute object: (_) @receiver attribute: (identifier) @name)) @reference.call

; a name read as a value: passed, assigned, returned, compared, raised, an attribute read
; (`obj.name`, `module.helper`). Names bound to locals, keys and names in their own
; definitions are left out by the extractor; a call or a type at the same place wins.
((identifier) @name @reference.read)

(attribute object: (_) @receiver attribute: (identifier) @name) @reference.read

; the names a module exports: `__all__ = [...]`, `+= [...]`, `.extend([...])`, and the
; `__all__` of other modules it adds (`__all__ = a.__all__ + b.__all__`)
(module (assignment
  left: (identifier) @_all (#eq? @_all "__all__")
  right: [(list (string (string_content) @name)) (tuple (string (string_content) @name))])) @reference.export

(module (augmented_assignment
  left: (identifier) @_all (#eq? @_all "__all__")
  right: [(list (string (string_content) @name)) (tuple (string (string_content) @name))])) @reference.export

(module (call
  function: (attribute object: (identifier) @_all (#eq? @_all "__all__")
                       attribute: (identifier) @_extend (#any-of? @_extend "extend" "append"))
  arguments: (argument_list [
    (string (string_content) @name)
    (list (string (string_content) @name))
    (tuple (string (string_content) @name))]))) @reference.export

(attribute
  object: (identifier) @receiver
  attribute: (identifier) @name (#eq? @name "__all__")) @reference.export

; ---- imports -------------------------------------------------------------------

(import_statement
  name: (dotted_name) @import.module) @import

(import_statement
  name: (aliased_import
    name: (dotted_name) @import.module
    alias: (identifier) @import.alias)) @import

(import_from_statement
  module_name: (_) @import.module
  name: (dotted_name) @import.name) @import

(import_from_statement
  module_name: (_) @import.module
  name: (aliased_import
    name: (dotted_name) @import.name
    alias: (identifier) @import.alias)) @import

(import_from_statement
  module_name: (_) @import.module
  (wildcard_import) @import.wildcard) @import
