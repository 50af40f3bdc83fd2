"""C name resolution on ``tests/fixtures/cshapes``: global names, headers, typedefs, locals.

C has no modules: every file-scope name is global, and ``#include`` binds no name. The
headers (``.h``) are read as C++, whose grammar reads C too; the two languages share the
global namespace, so names resolve between them.
"""

from __future__ import annotations

from tests.helpers import FIXTURES
from tests.resolution.workspace import defs, load, refs

ROOT = FIXTURES / "cshapes"
SHAPE_H = "include/shape.h"
CIRCLE_H = "include/circle.h"
SHAPE_C = "src/shape.c"
CIRCLE_C = "src/circle.c"
MAIN_C = "src/main.c"


def test_headers_are_read_as_cpp_and_sources_as_c() -> None:
    snap = load(ROOT)
    languages = {e.relpath: e.facts.language for e in snap.files.values()}
    assert languages[SHAPE_H] == "cpp"
    assert languages[MAIN_C] == "c"


def test_function_declared_in_a_header_and_defined_in_another_file() -> None:
    # the prototype the #include brings, and the definition: one function
    assert defs(load(ROOT), CIRCLE_C, "shape_init(") == [f"{SHAPE_H}:17:6", f"{SHAPE_C}:6:6"]


def test_static_function_of_the_same_file() -> None:
    assert defs(load(ROOT), CIRCLE_C, "= circle_area", shift=2) == [f"{CIRCLE_C}:4:15"]


def test_field_through_a_typed_pointer_local() -> None:
    snap = load(ROOT)
    # circle_t *c = malloc(...): the declared type, past the pointer declarator
    assert defs(snap, CIRCLE_C, "c->radius = radius", shift=3) == [f"{CIRCLE_H}:9:12"]
    assert defs(snap, CIRCLE_C, "c->base", shift=3) == [f"{CIRCLE_H}:8:13"]
    # circle_t one = {0};
    assert defs(snap, MAIN_C, "one.radius", shift=4) == [f"{CIRCLE_H}:9:12"]


def test_function_pointer_field_called_through_a_parameter() -> None:
    assert defs(load(ROOT), SHAPE_C, "s->area(", shift=3) == [f"{SHAPE_H}:7:14"]


def test_field_through_a_typedef_alias() -> None:
    snap = load(ROOT)
    # round_t is a typedef of circle_t, itself the typedef owning the fields
    assert defs(snap, MAIN_C, "round_t") == [f"{CIRCLE_H}:12:18"]
    assert defs(snap, MAIN_C, "r->base.name", shift=3) == [f"{CIRCLE_H}:8:13"]


def test_embedded_struct_member() -> None:
    # c->base.area: the type of a field is not known, but `area` names one member only
    assert defs(load(ROOT), CIRCLE_C, "base.area", shift=5) == [f"{SHAPE_H}:7:14"]


def test_typedef_struct_and_enum_names() -> None:
    snap = load(ROOT)
    assert defs(snap, SHAPE_C, "shape_t *s") == [f"{SHAPE_H}:9:3"]
    assert defs(snap, SHAPE_H, "struct shape *self", shift=7) == [f"{SHAPE_H}:5:16"]
    assert defs(snap, MAIN_C, "enum unit", shift=5) == [f"{SHAPE_H}:11:6"]


def test_enumerators_and_macros_are_global() -> None:
    snap = load(ROOT)
    assert defs(snap, MAIN_C, "UNIT_MM") == [f"{SHAPE_H}:11:22"]
    assert defs(snap, MAIN_C, "SHAPE_NAME_MAX") == [f"{SHAPE_H}:13:9"]


def test_locals_and_parameters() -> None:
    snap = load(ROOT)
    # a local that shadows the global shape_count
    assert defs(snap, MAIN_C, "shape_count);") == [f"{MAIN_C}:5:9"]
    # a parameter named like the field it is stored in
    assert defs(snap, CIRCLE_C, "= radius;", shift=2) == [f"{CIRCLE_C}:9:29"]
    assert defs(snap, MAIN_C, "label,") == [f"{MAIN_C}:6:10"]


def test_global_variable_declared_extern_in_a_header() -> None:
    assert defs(load(ROOT), MAIN_C, "return shape_count +", shift=7) == [
        f"{SHAPE_H}:15:12",
        f"{SHAPE_C}:4:5",
    ]


def test_references_of_a_function_join_its_prototype_and_definition() -> None:
    snap = load(ROOT)
    expected = [f"{SHAPE_H}:18:8", f"{MAIN_C}:8:36", f"{SHAPE_C}:11:8"]
    assert refs(snap, SHAPE_H, "shape_area") == expected
    assert refs(snap, SHAPE_C, "double shape_area", shift=7) == expected


def test_references_of_a_global_leave_out_the_local_that_shadows_it() -> None:
    assert refs(load(ROOT), SHAPE_C, "int shape_count", shift=4) == [
        f"{SHAPE_H}:15:12",
        f"{MAIN_C}:18:12",
        f"{SHAPE_C}:4:5",
        f"{SHAPE_C}:8:15",
    ]


def test_references_of_a_field_leave_out_other_names_alike() -> None:
    # not arc_t's radius, not the function radius()
    snap = load(ROOT)
    assert refs(snap, CIRCLE_H, "double radius", shift=7) == [
        f"{CIRCLE_H}:9:12",
        f"{CIRCLE_C}:6:25",
        f"{CIRCLE_C}:6:37",
        f"{CIRCLE_C}:13:8",
        f"{MAIN_C}:14:9",
        f"{MAIN_C}:18:35",
    ]
    assert refs(snap, MAIN_C, "int radius", shift=4) == [f"{MAIN_C}:22:12"]


def test_references_of_a_typedef() -> None:
    assert refs(load(ROOT), SHAPE_H, "} shape_t", shift=2, declaration=False) == [
        f"{CIRCLE_H}:8:5",
        f"{CIRCLE_H}:18:5",
        f"{SHAPE_H}:17:17",
        f"{SHAPE_H}:18:25",
        f"{CIRCLE_C}:4:33",
        f"{SHAPE_C}:6:17",
        f"{SHAPE_C}:11:25",
    ]


def test_library_names_and_includes_resolve_to_nothing() -> None:
    snap = load(ROOT)
    assert defs(snap, MAIN_C, "printf") == []
    assert defs(snap, MAIN_C, "circle.h") == []
