; Go definitions, references and imports. Capture vocabulary: grammars/README.md.
; Doc comments are the `//` comments right above a declaration (a blank line breaks the run).

; ---- package -------------------------------------------------------------------

(package_clause (package_identifier) @name) @package

; ---- doc comments ----------------------------------------------------------------
; Written before the definitions: of two patterns matching the same node the later one gives
; the kind, so these (with the most general kind of each node) only add `@doc`. They name no
; parent: inside one, `(comment)+ . (x)` matches only the first x of a group.

((comment)+ @doc . (function_declaration) @definition.function)
((comment)+ @doc . (method_declaration) @definition.method)
((comment)+ @doc . (type_declaration) @definition.type)
((comment)+ @doc . (type_spec) @definition.type)
((comment)+ @doc . (type_alias) @definition.type)
((comment)+ @doc . (field_declaration) @definition.field)
((comment)+ @doc . (method_elem) @definition.method)
((comment)+ @doc . (const_declaration) @definition.constant)
((comment)+ @doc . (const_spec) @definition.constant)
((comment)+ @doc . (var_declaration) @definition.variable)
((comment)+ @doc . (var_spec) @definition.variable)

; ---- functions and methods -----------------------------------------------------

(function_declaration
  name: (identifier) @name) @definition.function

; `func (s *Server) Start()`: declared outside its type, which is the receiver's type
(method_declaration
  receiver: (parameter_list
    (parameter_declaration
      type: [
        (type_identifier) @container
        (pointer_type (type_identifier) @container)
        (generic_type type: (type_identifier) @container)
        (pointer_type (generic_type type: (type_identifier) @container))
      ]))
  name: (field_identifier) @name) @definition.method

; ---- types (package level; types declared in a function are locals) ------------------
; `type X ...` alone spans the whole declaration (its signature reads `type X struct`);
; inside `type ( ... )` each spec is its own definition. The later pattern gives the kind, so
; struct and interface come after the general `type`.

(source_file
  (type_declaration
    (type_spec name: (type_identifier) @name)) @definition.type
  (#match? @definition.type "^type\\s+[^\\s(]"))

(source_file
  (type_declaration
    (type_spec name: (type_identifier) @name) @definition.type))

(source_file
  (type_declaration
    (type_alias name: (type_identifier) @name)) @definition.type
  (#match? @definition.type "^type\\s+[^\\s(]"))

(source_file
  (type_declaration
    (type_alias name: (type_identifier) @name) @definition.type))

(source_file
  (type_declaration
    (type_spec name: (type_identifier) @name type: (struct_type))) @definition.struct
  (#match? @definition.struct "^type\\s+[^\\s(]"))

(source_file
  (type_declaration
    (type_spec name: (type_identifier) @name type: (struct_type)) @definition.struct))

(source_file
  (type_declaration
    (type_spec name: (type_identifier) @name type: (interface_type))) @definition.interface
  (#match? @definition.interface "^type\\s+[^\\s(]"))

(source_file
  (type_declaration
    (type_spec name: (type_identifier) @name type: (interface_type)) @definition.interface))

; struct fields (`a, b int` defines two: the names are the field_identifier children), also
; those of a struct nested in a field; an embedded field has no name: see references
(source_file
  (type_declaration
    (type_spec
      type: (struct_type
        (field_declaration_list
          (field_declaration (field_identifier) @name) @definition.field)))))

(source_file
  (type_declaration
    (type_spec
      type: (struct_type
        (field_declaration_list
          (field_declaration
            type: (struct_type
              (field_declaration_list
                (field_declaration (field_identifier) @name) @definition.field))))))))

; methods an interface requires
(source_file
  (type_declaration
    (type_spec
      type: (interface_type
        (method_elem name: (field_identifier) @name) @definition.method))))

; ---- package-level constants and variables ---------------------------------------
; (the ones inside functions are locals: locals.scm). A const_spec's names are its direct
; identifier children: `name: (identifier)` misses all but the first of `a, b = 1, 2`.

(source_file
  (const_declaration
    (const_spec (identifier) @name)) @definition.constant
  (#match? @definition.constant "^const\\s+[^\\s(]"))

(source_file
  (const_declaration
    (const_spec (identifier) @name) @definition.constant))

(source_file
  (var_declaration
    (var_spec (identifier) @name)) @definition.variable
  (#match? @definition.variable "^var\\s+[^\\s(]"))

(source_file
  (var_declaration
    (var_spec_list
      (var_spec (identifier) @name) @definition.variable)))

; ---- references --------------------------------------------------------------------

(call_expression
  function: (identifier) @name) @reference.call

(call_expression
  function: (selector_expression
    operand: (_) @receiver
    field: (field_identifier) @name)) @reference.call

; generic instantiation: `Map[int](xs)`, `pkg.Map[int](xs)`
(call_expression
  function: (index_expression
    operand: (identifier) @name)) @reference.call

(call_expression
  function: (index_expression
    operand: (selector_expression
      operand: (_) @receiver
      field: (field_identifier) @name))) @reference.call

; embedding is Go's inheritance: a struct's unnamed fields, an interface's embedded interfaces
(field_declaration_list
  (field_declaration
    !name
    type: (type_identifier) @name @reference.inherit))

(field_declaration_list
  (field_declaration
    !name
    type: (generic_type type: (type_identifier) @name @reference.inherit)))

(field_declaration_list
  (field_declaration
    !name
    type: (qualified_type
      package: (package_identifier) @receiver
      name: (type_identifier) @name) @reference.inherit))

(interface_type
  (type_elem . (type_identifier) @name @reference.inherit .))

(interface_type
  (type_elem
    .
    (qualified_type
      package: (package_identifier) @receiver
      name: (type_identifier) @name) @reference.inherit
    .))

; types where they are used (a type_identifier is a use everywhere but in the name of its spec)
(_ type: (type_identifier) @name @reference.type)
(_ result: (type_identifier) @name @reference.type)
(_ element: (type_identifier) @name @reference.type)
(_ key: (type_identifier) @name @reference.type)
(_ value: (type_identifier) @name @reference.type)
(pointer_type (type_identifier) @name @reference.type)
(type_arguments (type_elem (type_identifier) @name @reference.type))
(type_constraint (type_identifier) @name @reference.type)
(type_elem (type_identifier) @name @reference.type)
(negated_type (type_identifier) @name @reference.type)
(parenthesized_type (type_identifier) @name @reference.type)
(argument_list (type_identifier) @name @reference.type)
(type_case (type_identifier) @name @reference.type)

(qualified_type
  package: (package_identifier) @receiver
  name: (type_identifier) @name) @reference.type

; ---- imports ---------------------------------------------------------------------------
; one per spec, spanning the spec inside `import ( ... )`, else the whole declaration: `import "fmt"`, `import st "example.com/app/store"`, `import . "strings"`,
; `import _ "embed"` (binds nothing; kept so that the path is known)

(import_declaration
  (import_spec
    !name
    path: (_) @import.module)) @import

(import_spec_list
  (import_spec
    !name
    path: (_) @import.module) @import)

(import_declaration
  (import_spec
    name: (package_identifier) @import.alias
    path: (_) @import.module)) @import

(import_spec_list
  (import_spec
    name: (package_identifier) @import.alias
    path: (_) @import.module) @import)

(import_declaration
  (import_spec
    name: (blank_identifier) @import.alias
    path: (_) @import.module)) @import

(import_spec_list
  (import_spec
    name: (blank_identifier) @import.alias
    path: (_) @import.module) @import)

(import_declaration
  (import_spec
    name: (dot) @import.wildcard
    path: (_) @import.module)) @import

(import_spec_list
  (import_spec
    name: (dot) @import.wildcard
    path: (_) @import.module) @import)
