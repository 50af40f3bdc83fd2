; Java definitions, references and imports. Capture vocabulary: grammars/README.md.

; ---- documentation: the Javadoc comment just above a definition ---------------
; This pattern comes first: the kind it names gives way to that of the definition's own pattern
; below.

((block_comment) @doc
  .
  [(class_declaration) (record_declaration) (interface_declaration)
   (annotation_type_declaration) (annotation_type_element_declaration) (enum_declaration)
   (enum_constant) (method_declaration) (constructor_declaration)
   (compact_constructor_declaration) (field_declaration) (constant_declaration)
   (module_declaration)] @definition.class
  (#match? @doc "^/[*][*]"))

; ---- package -------------------------------------------------------------------

(package_declaration [(identifier) (scoped_identifier)] @name) @package

; ---- definitions -------------------------------------------------------------

(class_declaration
  name: (identifier) @name) @definition.class

; records are classes with their components as fields
(record_declaration
  name: (identifier) @name) @definition.class

(record_declaration
  parameters: (formal_parameters
    (formal_parameter name: (identifier) @name) @definition.field))

(interface_declaration
  name: (identifier) @name) @definition.interface

; `@interface Marker { ... }` declares an annotation type, a kind of interface
(annotation_type_declaration
  name: (identifier) @name) @definition.interface

(annotation_type_element_declaration
  name: (identifier) @name) @definition.method

(enum_declaration
  name: (identifier) @name) @definition.enum

(enum_constant
  name: (identifier) @name) @definition.enum_member

(method_declaration
  name: (identifier) @name) @definition.method

(constructor_declaration
  name: (identifier) @name) @definition.constructor

(compact_constructor_declaration
  name: (identifier) @name) @definition.constructor

(field_declaration
  declarator: (variable_declarator name: (identifier) @name)) @definition.field

; `static final` fields are constants (a later pattern wins for the same definition)
(field_declaration
  (modifiers "static" "final")
  declarator: (variable_declarator name: (identifier) @name)) @definition.constant

(field_declaration
  (modifiers "final" "static")
  declarator: (variable_declarator name: (identifier) @name)) @definition.constant

; fields of an interface are implicitly static and final
(constant_declaration
  declarator: (variable_declarator name: (identifier) @name)) @definition.constant

; module-info.java
(module_declaration
  name: [(identifier) (scoped_identifier)] @name) @definition.module

; ---- references --------------------------------------------------------------

; calls: `run()`, `cart.add(x)`, `this.save()`, `Util.max(a, b)`
(method_invocation
  !object
  name: (identifier) @name) @reference.call

(method_invocation
  object: (_) @receiver
  name: (identifier) @name) @reference.call

; method references: `Cart::total`, `this::save`
(method_reference
  (_) @receiver
  .
  (identifier) @name .) @reference.call

; `new Cart(...)` calls the constructor of Cart
(object_creation_expression
  type: [(type_identifier) @name
         (generic_type (type_identifier) @name)]) @reference.call

(object_creation_expression
  type: [(scoped_type_identifier (_) @receiver . (type_identifier) @name .)
         (generic_type
           (scoped_type_identifier (_) @receiver . (type_identifier) @name .))]) @reference.call

; inheritance: `extends Base`, `implements Runnable, java.io.Serializable`, interface `extends`
(superclass
  [(type_identifier) @name
   (generic_type (type_identifier) @name)
   (scoped_type_identifier (_) @receiver . (type_identifier) @name .)
   (generic_type
     (scoped_type_identifier (_) @receiver . (type_identifier) @name .))] @reference.inherit)

(super_interfaces
  (type_list
    [(type_identifier) @name
     (generic_type (type_identifier) @name)
     (scoped_type_identifier (_) @receiver . (type_identifier) @name .)
     (generic_type
       (scoped_type_identifier (_) @receiver . (type_identifier) @name .))] @reference.inherit))

(extends_interfaces
  (type_list
    [(type_identifier) @name
     (generic_type (type_identifier) @name)
     (scoped_type_identifier (_) @receiver . (type_identifier) @name .)
     (generic_type
       (scoped_type_identifier (_) @receiver . (type_identifier) @name .))] @reference.inherit))

; types of fields, parameters, locals, results, casts, `instanceof`, type arguments, bounds,
; `throws` and `catch` (`var` is no type name); a qualified type is reached through its qualifier
((_
   type: [(type_identifier) @name
          (generic_type (type_identifier) @name)
          (scoped_type_identifier (_) @receiver . (type_identifier) @name .)
          (generic_type
            (scoped_type_identifier (_) @receiver . (type_identifier) @name .))] @reference.type)
  (#not-eq? @name "var"))

(instanceof_expression
  right: [(type_identifier) @name
          (generic_type (type_identifier) @name)
          (scoped_type_identifier (_) @receiver . (type_identifier) @name .)
          (generic_type
            (scoped_type_identifier (_) @receiver . (type_identifier) @name .))] @reference.type)

(type_arguments
  [(type_identifier) @name
   (generic_type (type_identifier) @name)
   (scoped_type_identifier (_) @receiver . (type_identifier) @name .)
   (generic_type
     (scoped_type_identifier (_) @receiver . (type_identifier) @name .))] @reference.type)

; `case String s ->`
(type_pattern
  [(type_identifier) @name
   (generic_type (type_identifier) @name)
   (scoped_type_identifier (_) @receiver . (type_identifier) @name .)
   (generic_type
     (scoped_type_identifier (_) @receiver . (type_identifier) @name .))] @reference.type)

; `sealed interface Shape permits Circle, Square`
(permits
  (type_list
    [(type_identifier) @name
     (generic_type (type_identifier) @name)
     (scoped_type_identifier (_) @receiver . (type_identifier) @name .)
     (generic_type
       (scoped_type_identifier (_) @receiver . (type_identifier) @name .))] @reference.type))

(array_type
  element: [(type_identifier) @name
            (generic_type (type_identifier) @name)
            (scoped_type_identifier (_) @receiver . (type_identifier) @name .)
            (generic_type
              (scoped_type_identifier (_) @receiver . (type_identifier) @name .))] @reference.type)

(type_bound
  [(type_identifier) @name
   (generic_type (type_identifier) @name)
   (scoped_type_identifier (_) @receiver . (type_identifier) @name .)
   (generic_type
     (scoped_type_identifier (_) @receiver . (type_identifier) @name .))] @reference.type)

(wildcard
  [(type_identifier) @name
   (generic_type (type_identifier) @name)
   (scoped_type_identifier (_) @receiver . (type_identifier) @name .)
   (generic_type
     (scoped_type_identifier (_) @receiver . (type_identifier) @name .))] @reference.type)

(throws
  [(type_identifier) @name
   (generic_type (type_identifier) @name)
   (scoped_type_identifier (_) @receiver . (type_identifier) @name .)
   (generic_type
     (scoped_type_identifier (_) @receiver . (type_identifier) @name .))] @reference.type)

(catch_type
  [(type_identifier) @name
   (generic_type (type_identifier) @name)
   (scoped_type_identifier (_) @receiver . (type_identifier) @name .)
   (generic_type
     (scoped_type_identifier (_) @receiver . (type_identifier) @name .))] @reference.type)

(spread_parameter
  [(type_identifier) @name
   (generic_type (type_identifier) @name)
   (scoped_type_identifier (_) @receiver . (type_identifier) @name .)
   (generic_type
     (scoped_type_identifier (_) @receiver . (type_identifier) @name .))] @reference.type)

(marker_annotation name: (identifier) @name) @reference.type
(annotation name: (identifier) @name) @reference.type

; `case Point(int x, int y)`
(record_pattern (identifier) @name) @reference.type

; ---- imports -------------------------------------------------------------------

; `import a.b.Cart;` and `import static a.b.Util.max;` bind the last name
(import_declaration
  (scoped_identifier
    scope: (_) @import.module
    name: (identifier) @import.name) .) @import

; `import a.b.*;` opens a package, `import static a.b.Util.*;` a class's static members
(import_declaration
  [(identifier) (scoped_identifier)] @import.module
  .
  (asterisk) @import.wildcard) @import
