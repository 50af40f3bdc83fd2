// hive: relpath=include/geometry.h module= errors=1
// A C header: `.h` files are read as C++, and C's definitions come through unchanged.
// The `extern "C" {` opened and closed in two `#ifdef __cplusplus` blocks is beyond what
// tree-sitter parses (it reports a missing #endif); everything between is still read.
#ifndef GEOMETRY_H
#define GEOMETRY_H
//      ^ definition.macro GEOMETRY_H

#include <stddef.h>
// ^ import stddef.h module=stddef.h

#ifdef __cplusplus
extern "C" {
#endif

#define GEOMETRY_VERSION "1.2"
//      ^ definition.macro GEOMETRY_VERSION

typedef struct point {
    //         ^ definition.struct point
    int x, y;
    //  ^ definition.field point_t.x parent=point_t
    //     ^ definition.field point_t.y
} point_t;
// ^ definition.struct point_t

typedef enum { SHAPE_RECT, SHAPE_CIRCLE } shape_kind;
//             ^ definition.enum_member SHAPE_RECT parent=""
//                         ^ definition.enum_member SHAPE_CIRCLE
//                                        ^ definition.enum shape_kind

/* Number of shapes drawn so far. */
extern size_t shapes_drawn;
//            ^ definition.variable shapes_drawn doc="Number of shapes drawn so far."

point_t *point_new(int x, int y);
//       ^ definition.function point_new
void point_free(point_t *p);
//   ^ definition.function point_free
//              ^ reference.type point_t

#ifdef __cplusplus
}
#endif

#endif /* GEOMETRY_H */
