; inherits: javascript
; TypeScript definitions, references and imports, added to JavaScript's (above this file once
; inherited). Capture vocabulary: grammars/README.md. TSX inherits this file, so every pattern
; here must also compile against the tsx grammar (no `<T>x` type assertions).

; ---- documentation -------------------------------------------------------------------------
; JavaScript's patterns document what follows a JSDoc comment directly; these reach into the
; wrappers TypeScript adds. Their kinds are the real ones: JavaScript's patterns come earlier.

((comment) @doc . (expression_statement (internal_module) @definition.namespace)
  (#match? @doc "^/\\*\\*"))

((comment) @doc . (ambient_declaration (function_signature) @definition.function)
  (#match? @doc "^/\\*\\*"))

((comment) @doc . (ambient_declaration [(class_declaration) (abstract_class_declaration)] @definition.class)
  (#match? @doc "^/\\*\\*"))

((comment) @doc . (ambient_declaration (_ (variable_declarator) @definition.variable))
  (#match? @doc "^/\\*\\*"))

((comment) @doc . (export_statement declaration: (ambient_declaration (function_signature) @definition.function))
  (#match? @doc "^/\\*\\*"))

((comment) @doc . (export_statement declaration: (ambient_declaration [(class_declaration) (abstract_class_declaration)] @definition.class))
  (#match? @doc "^/\\*\\*"))

; ---- types --------------------------------------------------------------------------------

(abstract_class_declaration
  name: (type_identifier) @name) @definition.class

(interface_declaration
  name: (type_identifier) @name) @definition.interface

(interface_body
  (property_signature
    name: [(property_identifier) (private_property_identifier)] @name) @definition.property)

(interface_body
  (method_signature
    name: (property_identifier) @name) @definition.method)

(type_alias_declaration
  name: (type_identifier) @name) @definition.type

; type Point = { x: number; move(): void }
(type_alias_declaration
  value: (object_type
    (property_signature name: (property_identifier) @name) @definition.property))

(type_alias_declaration
  value: (object_type
    (method_signature name: (property_identifier) @name) @definition.method))

(enum_declaration
  name: (identifier) @name) @definition.enum

(enum_body
  name: (property_identifier) @name @definition.enum_member)

(enum_body
  name: (string (string_fragment) @name) @definition.enum_member)

(enum_assignment
  name: [(property_identifier) (string (string_fragment))] @name) @definition.enum_member

; ---- class members ------------------------------------------------------------------------

(class_body
  (public_field_definition
    name: [(property_identifier) (private_property_identifier)] @name) @definition.field)

; overload signatures and abstract methods
(class_body
  (method_signature
    name: [(property_identifier) (private_property_identifier)] @name) @definition.method)

(class_body
  (abstract_method_signature
    name: [(property_identifier) (private_property_identifier)] @name) @definition.method)

; constructor(private readonly repo: Repo): a field of the class, declared in the constructor
([(class_declaration name: (_) @container
    body: (class_body
      (method_definition
        name: (property_identifier) @_constructor
        parameters: (formal_parameters
          [(required_parameter (accessibility_modifier) pattern: (identifier) @name)
           (required_parameter "readonly" pattern: (identifier) @name)
           (optional_parameter (accessibility_modifier) pattern: (identifier) @name)
           (optional_parameter "readonly" pattern: (identifier) @name)] @definition.field))))
  (abstract_class_declaration name: (_) @container
    body: (class_body
      (method_definition
        name: (property_identifier) @_constructor
        parameters: (formal_parameters
          [(required_parameter (accessibility_modifier) pattern: (identifier) @name)
           (required_parameter "readonly" pattern: (identifier) @name)
           (optional_parameter (accessibility_modifier) pattern: (identifier) @name)
           (optional_parameter "readonly" pattern: (identifier) @name)] @definition.field))))]
  (#eq? @_constructor "constructor"))

; ---- functions, namespaces, ambient declarations -------------------------------------------

; overloads and `declare function`
(function_signature
  name: (identifier) @name) @definition.function

(internal_module
  name: (identifier) @name) @definition.namespace

; namespace A.B { }: B, inside A
(internal_module
  name: (nested_identifier object: (_) @container property: (_) @name)) @definition.namespace

(module
  name: (identifier) @name) @definition.namespace

; declare module 'lib' { }
(module
  name: (string (string_fragment) @name)) @definition.module

; names declared in a namespace body (namespace N { export const x = 1 }), and `declare const`
(internal_module
  body: (statement_block
    [(_ (variable_declarator name: (identifier) @name) @definition.variable)
     (export_statement declaration: (_ (variable_declarator name: (identifier) @name) @definition.variable))]))

(internal_module
  body: (statement_block
    [(_ (variable_declarator
          name: (identifier) @name
          value: [(arrow_function) (function_expression) (generator_function)]) @definition.function)
     (export_statement
       declaration: (_ (variable_declarator
          name: (identifier) @name
          value: [(arrow_function) (function_expression) (generator_function)]) @definition.function))]))

(module
  body: (statement_block
    [(_ (variable_declarator name: (identifier) @name) @definition.variable)
     (export_statement declaration: (_ (variable_declarator name: (identifier) @name) @definition.variable))]))

(program
  [(ambient_declaration (_ (variable_declarator name: (identifier) @name) @definition.variable))
   (export_statement
     declaration: (ambient_declaration (_ (variable_declarator name: (identifier) @name) @definition.variable)))])

; ---- references ---------------------------------------------------------------------------

; a type named where a type is expected (definitions' own names are left out)
[
 (type_annotation (type_identifier) @name @reference.type)
 (opting_type_annotation (type_identifier) @name @reference.type)
 (omitting_type_annotation (type_identifier) @name @reference.type)
 (adding_type_annotation (type_identifier) @name @reference.type)
 (type_arguments (type_identifier) @name @reference.type)
 (union_type (type_identifier) @name @reference.type)
 (intersection_type (type_identifier) @name @reference.type)
 (array_type (type_identifier) @name @reference.type)
 (tuple_type (type_identifier) @name @reference.type)
 (readonly_type (type_identifier) @name @reference.type)
 (parenthesized_type (type_identifier) @name @reference.type)
 (optional_type (type_identifier) @name @reference.type)
 (rest_type (type_identifier) @name @reference.type)
 (index_type_query (type_identifier) @name @reference.type)
 (lookup_type (type_identifier) @name @reference.type)
 (conditional_type (type_identifier) @name @reference.type)
 (function_type (type_identifier) @name @reference.type)
 (constructor_type (type_identifier) @name @reference.type)
 (type_predicate (type_identifier) @name @reference.type)
 (constraint (type_identifier) @name @reference.type)
 (default_type (type_identifier) @name @reference.type)
 (extends_type_clause (type_identifier) @name @reference.type)
 (implements_clause (type_identifier) @name @reference.type)
 (as_expression (type_identifier) @name @reference.type)
 (satisfies_expression (type_identifier) @name @reference.type)
 (mapped_type_clause (type_identifier) @name @reference.type)
 (template_type (type_identifier) @name @reference.type)
]

(type_alias_declaration
  value: (type_identifier) @name @reference.type)

(generic_type
  name: (type_identifier) @name @reference.type)

(nested_type_identifier
  module: (_) @receiver
  name: (type_identifier) @name) @reference.type

; implements I, interface J extends K (class A extends B is JavaScript's pattern)
(implements_clause
  [(type_identifier) @name
   (generic_type name: (type_identifier) @name)
   (nested_type_identifier module: (_) @receiver name: (type_identifier) @name)
   (generic_type name: (nested_type_identifier module: (_) @receiver name: (type_identifier) @name))]
  @reference.inherit)

(extends_type_clause
  type: [(type_identifier) @name
         (generic_type name: (type_identifier) @name)
         (nested_type_identifier module: (_) @receiver name: (type_identifier) @name)
         (generic_type name: (nested_type_identifier module: (_) @receiver name: (type_identifier) @name))]
  @reference.inherit)

; ---- imports ------------------------------------------------------------------------------

; import fs = require('fs'): like const fs = require('fs')
(import_statement
  (import_require_clause
    (identifier) @import.alias
    source: (string) @import.module)) @import

; import Alias = Namespace.Member: this module binds Alias to Namespace.Member
(import_alias
  (identifier) @import.alias
  .
  [(identifier) (nested_identifier)] @import.name) @import

; export = Thing (CommonJS-style): the module's default export, recorded as binding `export`
(export_statement
  "export" @import.alias
  "="
  (identifier) @import.name) @import
