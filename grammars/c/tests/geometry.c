// hive: relpath=src/geometry.c module=
/* Geometry for the drawing tool: a fixture for the C tags query. */

#include "geometry.h"
// ^ import geometry.h module=geometry.h
#include <stdio.h>
// ^ import stdio.h module=stdio.h

#define MAX_SHAPES 64
//      ^ definition.macro MAX_SHAPES sig="#define MAX_SHAPES 64"
//      ^ !reference.call

/* Square of a number. */
#define SQUARE(x) ((x) * (x))
//      ^ definition.macro SQUARE doc="Square of a number." sig="#define SQUARE(x) ((x) * (x))"

/** A point on the canvas, in pixels. */
struct point {
    //  ^ definition.struct point doc="A point on the canvas, in pixels." sig="struct point"
    int x, y;
    //  ^ definition.field point.x parent=point
    //     ^ definition.field point.y
    struct point *next;
    //     ^ reference.type point
    //            ^ definition.field point.next
    char label[16];
    //   ^ definition.field point.label
    void (*on_move)(struct point *self, int dx);
    //     ^ definition.field point.on_move
};

union value {
    //^ definition.struct value
    int i;
    //  ^ definition.field value.i
    double d;
    //     ^ definition.field value.d
};

/// Colours a shape can have.
enum color { RED, GREEN = 2, BLUE };
//   ^ definition.enum color doc="Colours a shape can have."
//           ^ definition.enum_member RED parent=""
//                ^ definition.enum_member GREEN sig="GREEN = 2"
//                           ^ definition.enum_member BLUE

typedef struct point point_t;
//             ^ reference.inherit point
//                   ^ definition.type point_t sig="typedef struct point point_t;"

typedef struct rect {
    //         ^ definition.struct rect
    struct point origin;
    //           ^ definition.field rect_t.origin parent=rect_t
    int width, height;
    //  ^ definition.field rect_t.width
    //         ^ definition.field rect_t.height
} rect_t;
// ^ definition.struct rect_t sig="typedef struct rect"

typedef rect_t *rect_ref;
//      ^ reference.inherit rect_t
//              ^ definition.type rect_ref

typedef struct {
    double r;
    //     ^ definition.field circle_t.r parent=circle_t
} circle_t;
// ^ definition.struct circle_t

typedef enum { SOLID, DASHED } line_style;
//             ^ definition.enum_member SOLID
//                    ^ definition.enum_member DASHED
//                             ^ definition.enum line_style

typedef int (*shape_visitor)(const point_t *p, void *data);
//            ^ definition.type shape_visitor
//                                 ^ reference.type point_t

static const int default_width = 80;
//               ^ definition.constant default_width
const char *const_title = "Zeichnung – “Entwurf”";
//          ^ definition.variable const_title

int shape_count = 0, *last_count;
//  ^ definition.variable shape_count sig="int shape_count = 0, *last_count;"
//                    ^ definition.variable last_count
extern point_t origin;
//     ^ reference.type point_t
//             ^ definition.variable origin
static rect_t canvas[MAX_SHAPES];
//            ^ definition.variable canvas

int area(const rect_t *r);
//  ^ definition.function area sig="int area(const rect_t *r);"
//             ^ reference.type rect_t

struct point *make_point(int x, int y);
//            ^ definition.function make_point

// Moves a point by (dx, dy).
// Returns the moved point.
point_t *
move(point_t *p, int dx, int dy)
// <- definition.function move doc="Moves a point by (dx, dy).\nReturns the moved point." sig="point_t * move(point_t *p, int dx, int dy)"
{
    int shape_count = dx + dy;
    // a local that shadows the global of the same name
    p->x += dx;
    p->y += SQUARE(dy);
    //      ^ reference.call SQUARE
    if (p->on_move) {
        p->on_move(p, shape_count);
        // ^ reference.call on_move receiver=p
    }
    for (int i = 0; i < MAX_SHAPES; i++) {
        point_t copy = *p;
        // <- reference.type point_t
        printf("%d\n", area(&canvas[i]) + copy.x);
        // <- reference.call printf
        //             ^ reference.call area
    }
    return p;
}

/* Not a doc comment: a blank line separates it from the function. */

int area(const rect_t *r) {
    // ^ definition.function area doc="" sig="int area(const rect_t *r)"
    struct point corner = (struct point){r->width, r->height};
    //     ^ reference.type point
    return corner.x * corner.y;
}

#ifdef GEOMETRY_DEBUG
static void dump(const struct point *p);
//          ^ definition.function dump
int debug_level;
//  ^ definition.variable debug_level
#else
int debug_level = 0;
//  ^ definition.variable debug_level
#endif
