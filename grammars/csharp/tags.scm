; C# definitions, references and imports. Capture vocabulary: grammars/README.md.

; ---- documentation: the `///` comments just above a definition -----------------
; One match per `///` line; the extractor keeps the run adjacent to the definition. This pattern
; comes first: the kind it names gives way to that of the definition's own pattern below.

(((comment) @doc
  .
  (comment)*
  .
  [(namespace_declaration) (class_declaration) (struct_declaration) (interface_declaration)
   (enum_declaration) (enum_member_declaration) (record_declaration) (delegate_declaration)
   (method_declaration) (local_function_statement) (constructor_declaration)
   (destructor_declaration) (operator_declaration) (indexer_declaration)
   (property_declaration) (event_declaration) (field_declaration)
   (event_field_declaration)] @definition.class)
  (#match? @doc "^///"))

; ---- namespaces ----------------------------------------------------------------

; `namespace Acme.Shop;` names the file's module; `namespace Acme.Shop { ... }` is a symbol
(file_scoped_namespace_declaration
  name: (_) @name) @package

(namespace_declaration
  name: (_) @name) @definition.namespace

; ---- definitions -------------------------------------------------------------

(class_declaration
  name: (identifier) @name) @definition.class

(struct_declaration
  name: (identifier) @name) @definition.struct

(interface_declaration
  name: (identifier) @name) @definition.interface

(enum_declaration
  name: (identifier) @name) @definition.enum

(enum_member_declaration
  name: (identifier) @name) @definition.enum_member

(record_declaration
  name: (identifier) @name) @definition.class

; `record struct` (a later pattern wins for the same definition)
(record_declaration
  "struct"
  name: (identifier) @name) @definition.struct

; the parameters of a positional record are its properties
(record_declaration
  (parameter_list
    (parameter name: (identifier) @name) @definition.property))

(delegate_declaration
  name: (identifier) @name) @definition.type

(method_declaration
  name: (identifier) @name) @definition.method

(local_function_statement
  name: (identifier) @name) @definition.function

(constructor_declaration
  name: (identifier) @name) @definition.constructor

; `~Cart()`: a destructor, shown as constructors are (LSP has no kind of its own for it)
(destructor_declaration
  name: (identifier) @name) @definition.constructor

; `operator +`: named by its operator
(operator_declaration
  operator: _ @name) @definition.method

; `this[int i]`: an indexer, named `this`
(indexer_declaration
  "this" @name) @definition.property

(property_declaration
  name: (identifier) @name) @definition.property

(event_declaration
  name: (identifier) @name) @definition.property

(field_declaration
  (variable_declaration
    (variable_declarator name: (identifier) @name))) @definition.field

(field_declaration
  (modifier "const")
  (variable_declaration
    (variable_declarator name: (identifier) @name))) @definition.constant

(event_field_declaration
  (variable_declaration
    (variable_declarator name: (identifier) @name))) @definition.field

; ---- references --------------------------------------------------------------

; calls: `Run()`, `cart.Add(x)`, `this.Save()`, `Prices.WithTax<int>(a)`, `cart?.Pay()`
((invocation_expression
  function: [(identifier) @name
             (generic_name (identifier) @name)]) @reference.call
  (#not-eq? @name "nameof"))

(invocation_expression
  function: (member_access_expression
    expression: (_) @receiver
    name: [(identifier) @name
           (generic_name (identifier) @name)])) @reference.call

(invocation_expression
  function: (member_access_expression
    ["this" "base"] @receiver
    name: [(identifier) @name
           (generic_name (identifier) @name)])) @reference.call

(invocation_expression
  function: (conditional_access_expression
    condition: (_) @receiver
    (member_binding_expression
      name: [(identifier) @name
             (generic_name (identifier) @name)]))) @reference.call

; `new Cart(...)` calls the constructor of Cart
(object_creation_expression
  type: [(identifier) @name
         (generic_name (identifier) @name)
         (qualified_name
           qualifier: (_) @receiver
           name: [(identifier) @name
                  (generic_name (identifier) @name)])]) @reference.call

; inheritance and implementation: `class Cart : Base, IDisposable, Acme.IThing`
(base_list
  [(identifier) @name
   (generic_name (identifier) @name)
   (qualified_name
     qualifier: (_) @receiver
     name: [(identifier) @name
            (generic_name (identifier) @name)])] @reference.inherit)

; `record Cart(int Id) : Base(Id)`
(base_list
  (primary_constructor_base_type
    type: [(identifier) @name
           (generic_name (identifier) @name)
           (qualified_name
             qualifier: (_) @receiver
             name: [(identifier) @name
                    (generic_name (identifier) @name)])] @reference.inherit))

; types of fields, properties, parameters, locals, results, casts, patterns, `typeof`, type
; arguments and constraints; a qualified type is reached through its qualifier
(_
  type: [(identifier) @name
         (generic_name (identifier) @name)
         (qualified_name
           qualifier: (_) @receiver
           name: [(identifier) @name
                  (generic_name (identifier) @name)])] @reference.type)

(method_declaration
  returns: [(identifier) @name
            (generic_name (identifier) @name)
            (qualified_name
              qualifier: (_) @receiver
              name: [(identifier) @name
                     (generic_name (identifier) @name)])] @reference.type)

(type_argument_list
  [(identifier) @name
   (generic_name (identifier) @name)
   (qualified_name
     qualifier: (_) @receiver
     name: [(identifier) @name
            (generic_name (identifier) @name)])] @reference.type)

; `[Serializable]`, `[Obsolete("...")]`
(attribute
  name: [(identifier) @name
         (qualified_name
           qualifier: (_) @receiver
           name: (identifier) @name)] @reference.type)

; ---- imports -------------------------------------------------------------------

; `using System.Linq;` and `using static System.Math;` open a namespace or a type's members
(using_directive
  !name
  [(identifier) (qualified_name)] @import.module @import.wildcard) @import

; `using Json = Newtonsoft.Json.JsonConvert;`
(using_directive
  name: (identifier) @import.alias
  .
  (qualified_name
    qualifier: (_) @import.module
    name: (_) @import.name)) @import

; `using Sys = System;`
(using_directive
  name: (identifier) @import.alias
  .
  (identifier) @import.module) @import
